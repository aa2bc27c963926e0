package io.stowage.file;

import io.stowage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * The bytes of an object file, read from its channel, with every failure in the store's error
 * family: a read the calling thread's interrupt cut short (the channel is closed then) is an
 * {@link io.stowage.OperationInterruptedException}, anything else a
 * {@link io.stowage.StoreException} naming the location.
 */
final class ObjectFileInputStream extends InputStream {
    private final InputStream data;
    private final Location location;

    ObjectFileInputStream(FileChannel channel, Location location) {
        this.data = Channels.newInputStream(channel);
        this.location = location;
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
