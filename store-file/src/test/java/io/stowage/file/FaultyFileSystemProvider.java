package io.stowage.file;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The provider of one {@link FaultyFileSystem}: passes every call to the filesystem underneath, channels wrapped. */
final class FaultyFileSystemProvider extends FileSystemProvider {
    private final FaultyFileSystem fileSystem;

    FaultyFileSystemProvider(FaultyFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    private static FileSystemProvider under(Path path) {
        return FaultyPath.unwrap(path).getFileSystem().provider();
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("made with FaultyFileSystem.over");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("made with FaultyFileSystem.over");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("made with FaultyFileSystem.over");
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        Path real = FaultyPath.unwrap(path);
        FileChannel channel = under(path).newFileChannel(real, options, attributes);
        boolean directory = Files.readAttributes(real, BasicFileAttributes.class).isDirectory();
        return new FaultyFileChannel(channel, fileSystem, path, directory);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        return newFileChannel(path, options, attributes);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        DirectoryStream<Path> entries = under(dir).newDirectoryStream(FaultyPath.unwrap(dir),
                entry -> filter.accept(fileSystem.wrap(entry)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> iterator = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        if (fileSystem.listingFails(dir)) {
                            throw new DirectoryIteratorException(new IOException("Input/output error"));
                        }
                        return iterator.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fileSystem.wrap(iterator.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
        under(dir).createDirectory(FaultyPath.unwrap(dir), attributes);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes) throws IOException {
        under(link).createSymbolicLink(FaultyPath.unwrap(link), FaultyPath.unwrap(target), attributes);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        under(link).createLink(FaultyPath.unwrap(link), FaultyPath.unwrap(existing));
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fileSystem.wrap(under(link).readSymbolicLink(FaultyPath.unwrap(link)));
    }

    @Override
    public void delete(Path path) throws IOException {
        under(path).delete(FaultyPath.unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        under(source).copy(FaultyPath.unwrap(source), FaultyPath.unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        under(source).move(FaultyPath.unwrap(source), FaultyPath.unwrap(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path other) throws IOException {
        return under(path).isSameFile(FaultyPath.unwrap(path), FaultyPath.unwrap(other));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return under(path).isHidden(FaultyPath.unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return under(path).getFileStore(FaultyPath.unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        under(path).checkAccess(FaultyPath.unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return under(path).getFileAttributeView(FaultyPath.unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return under(path).readAttributes(FaultyPath.unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return under(path).readAttributes(FaultyPath.unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        under(path).setAttribute(FaultyPath.unwrap(path), attribute, value, options);
    }
}
