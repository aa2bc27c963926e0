package io.stowage.file;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the file of an object as a stream over a byte range of it. */
final class ObjectFileReader {
    private ObjectFileReader() {}

    /**
     * Opens {@code file} (not following a symlink) positioned at the start of {@code range}.
     * On any failure the file is closed again; the caller closes the stream.
     *
     * @param location the object's location, for the stream and the error messages
     */
    static ObjectStream open(Path file, Location location, ByteRange range) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw FilesystemErrors.notFound(location);
        } catch (IOException e) {
            throw FilesystemErrors.readFailure("Opening " + location, e);
        }
        try {
            long size = channel.size();
            long length = range.lengthWithin(size, location);
            if (range.offset() > 0) {
                channel.position(range.offset()); // a new channel is at 0 already
            }
            return new ObjectStream(new ObjectFileInputStream(channel, location), location, size, range.offset(), length);
        } catch (IOException | RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof StoreException || !(e instanceof IOException)) {
                throw e;
            }
            throw FilesystemErrors.readFailure("Reading " + location, e);
        }
    }
}
