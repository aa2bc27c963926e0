package io.stowage.file;

import io.stowage.ChannelTransferSource;
import io.stowage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes of an object file, read from its channel, with every failure in the store's error
 * family: a read the calling thread's interrupt cut short (the channel is closed then) is an
 * {@link io.stowage.OperationInterruptedException}, anything else a
 * {@link io.stowage.StoreException} naming the location. Its bytes can also go to a channel
 * through {@link FileChannel#transferTo} ({@code sendfile}/{@code copy_file_range} on Linux),
 * from the channel's position, which both ways advance.
 */
final class ObjectFileInputStream extends InputStream implements ChannelTransferSource {
    private final FileChannel channel;
    private final InputStream data;
    private final Location location;

    ObjectFileInputStream(FileChannel channel, Location location) {
        this.channel = channel;
        this.data = Channels.newInputStream(channel);
        this.location = location;
    }

    /**
     * Moves up to {@code maxBytes} from the channel's position to {@code target} and advances
     * the position. The in-kernel copy does not say which side failed: after a failure, one byte
     * is read where the copy was, and if that read fails too the failure is the object's (a
     * store error); otherwise it is the target's and passes through as it was thrown.
     */
    @Override
    public long transferTo(WritableByteChannel target, long maxBytes) throws IOException {
        long position;
        try {
            position = channel.position();
        } catch (IOException e) {
            throw failure(e);
        }
        long moved;
        try {
            moved = channel.transferTo(position, maxBytes, target);
        } catch (IOException e) {
            if (FilesystemErrors.isInterrupt(e) || !channel.isOpen()) {
                throw failure(e);
            }
            throw sourceOrTarget(e, position);
        }
        try {
            channel.position(position + moved);
        } catch (IOException e) {
            throw failure(e);
        }
        return moved;
    }

    private IOException sourceOrTarget(IOException transferFailure, long position) {
        try {
            channel.read(ByteBuffer.allocate(1), position);
        } catch (IOException readFailure) {
            readFailure.addSuppressed(transferFailure);
            return failure(readFailure);
        }
        return transferFailure;
    }

    @Override
    public int read() throws IOException {
        try {
            return data.read();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return data.read(buffer, offset, length);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return data.skip(n);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return data.available();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            data.close();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private IOException failure(IOException e) {
        return FilesystemErrors.readFailure("Reading " + location, e);
    }
}
