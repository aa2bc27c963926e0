package io.stowage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A channel of a {@link FaultyFileSystem}: the channel underneath, except that locks fail with
 * {@code ENOLCK} and forcing a file fails with {@code EIO} where the filesystem says so, and
 * forcing a directory runs its sync hook first.
 */
final class FaultyFileChannel extends FileChannel {
    /** How {@code strerror(ENOLCK)} reads, as the JDK reports a lock request the kernel refused. */
    static final String ENOLCK = "No locks available";
    /** How {@code strerror(EIO)} reads. */
    static final String EIO = "Input/output error";

    private final FileChannel delegate;
    private final FaultyFileSystem fileSystem;
    private final Path path;
    private final boolean directory;

    FaultyFileChannel(FileChannel delegate, FaultyFileSystem fileSystem, Path path, boolean directory) {
        this.delegate = delegate;
        this.fileSystem = fileSystem;
        this.path = path;
        this.directory = directory;
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        failIfLocksFail();
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        failIfLocksFail();
        return delegate.tryLock(position, size, shared);
    }

    private void failIfLocksFail() throws IOException {
        if (fileSystem.locksFail(path)) {
            throw new IOException(ENOLCK);
        }
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (directory) {
            fileSystem.directorySync().beforeSync(path);
        } else if (fileSystem.fileSyncFails(path)) {
            throw new IOException(EIO);
        }
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return delegate.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        return delegate.read(destinations, offset, length);
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        return delegate.read(destination, position);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return delegate.write(source);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        return delegate.write(sources, offset, length);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        return delegate.write(source, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        return delegate.transferFrom(source, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
