package io.stowage;

import static java.util.Objects.requireNonNull;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The data of one read: exactly {@link #length()} bytes of an object of
 * {@link #objectSize()} bytes, starting at {@link #offset()}.
 *
 * <p>A store wraps its backend stream in this class, which keeps the promise for it: it
 * never returns more than {@code length} bytes, and if the backend stream ends early the
 * read fails with {@link IntegrityException} instead of returning short data. Closing it
 * (also before the end) closes the backend stream exactly once.
 */
public final class ObjectStream extends InputStream {
    private static final int TRANSFER_BUFFER = 128 * 1024;

    private final InputStream data;
    private final Location location;
    private final long objectSize;
    private final long offset;
    private final long length;
    private long position;
    private boolean closed;

    /**
     * Wraps a backend stream.
     *
     * @param data the backend stream, positioned at {@code offset}
     * @param location the object read, for messages
     * @param objectSize the size of the whole object
     * @param offset where the read starts in the object
     * @param length how many bytes the read returns
     * @throws IllegalArgumentException if the numbers do not describe a read within the object
     */
    public ObjectStream(InputStream data, Location location, long objectSize, long offset, long length) {
        this.data = requireNonNull(data, "data is null");
        this.location = requireNonNull(location, "location is null");
        if (objectSize < 0 || offset < 0 || length < 0 || offset + length > objectSize) {
            throw new IllegalArgumentException("Inconsistent read of " + location + ": size " + objectSize
                    + ", offset " + offset + ", length " + length);
        }
        this.objectSize = objectSize;
        this.offset = offset;
        this.length = length;
    }

    /** {@return the object read} */
    public Location location() {
        return location;
    }

    /** {@return the size of the whole object} */
    public long objectSize() {
        return objectSize;
    }

    /** {@return where this read starts in the object} */
    public long offset() {
        return offset;
    }

    /** {@return how many bytes this read returns in all} */
    public long length() {
        return length;
    }

    /** {@return the bytes returned so far} */
    public long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        long remaining = length - position;
        if (remaining == 0) {
            return -1;
        }
        int n = data.read(buffer, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IntegrityException("Truncated read of " + location + ": the backend returned " + position
                    + " of " + length + " bytes");
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        long skipped = data.skip(Math.min(Math.max(n, 0), length - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return (int) Math.min(data.available(), length - position);
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        requireNonNull(out, "out is null");
        byte[] buffer = new byte[TRANSFER_BUFFER];
        long transferred = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
            transferred += n;
        }
        return transferred;
    }

    /**
     * Whether {@link #transferTo(WritableByteChannel, long)} moves the bytes without passing them
     * through the Java heap: the backend's stream is a {@link ChannelTransferSource}. Its failures
     * are then the store's errors for the read and the target's own for the target.
     *
     * @return whether the backend transfers to channels itself
     */
    public boolean hasChannelTransfer() {
        return data instanceof ChannelTransferSource;
    }

    /**
     * Moves up to {@code maxBytes} of the rest of this read to {@code target} and returns how
     * many it moved: 0 only at the end of the read. Where the backend's stream is a
     * {@link ChannelTransferSource} (the file store's), the bytes go from the object to the
     * target without passing through the Java heap (in the kernel, for a file channel target on
     * Linux); otherwise they are read and written through a buffer. The read's promises hold
     * either way: never more than {@link #length()} bytes, and a backend whose data ends early
     * fails with {@link IntegrityException}.
     *
     * @param target where the bytes go; its failures pass through as it threw them
     * @param maxBytes at most this many bytes; more than 0
     * @return the bytes moved, 0 at the end of the read
     * @throws IOException a failure of the read (in the store's error family) or of the target
     */
    public long transferTo(WritableByteChannel target, long maxBytes) throws IOException {
        requireNonNull(target, "target is null");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        ensureOpen();
        long remaining = Math.min(maxBytes, length - position);
        if (remaining == 0) {
            return 0;
        }
        if (data instanceof ChannelTransferSource source) {
            long n = source.transferTo(target, remaining);
            if (n > remaining || n < 0) {
                throw new IllegalStateException("The backend stream of " + location + " moved " + n + " bytes where "
                        + remaining + " were asked for");
            }
            if (n > 0) {
                position += n;
                return n;
            }
        }
        byte[] buffer = new byte[(int) Math.min(remaining, TRANSFER_BUFFER)];
        int n;
        do {
            n = read(buffer, 0, buffer.length);
        } while (n == 0);
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        while (bytes.hasRemaining()) {
            target.write(bytes);
        }
        return n;
    }

    /** {@return whether the stream was closed} */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            data.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream of " + location + " is closed");
        }
    }
}
