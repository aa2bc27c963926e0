package io.stowage.tck.source;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A source that counts the bytes read from it and remembers whether it was closed; read by one thread, inspected by any. */
public final class TrackedInputStream extends FilterInputStream {
    private volatile long bytesRead;
    private volatile int reads;
    private volatile boolean closed;

    TrackedInputStream(InputStream source) {
        super(requireNonNull(source, "source is null"));
    }

    @Override
    public int read() throws IOException {
        reads++;
        int b = super.read();
        if (b >= 0) {
            bytesRead++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        reads++;
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            bytesRead += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    /** {@return the bytes read so far} */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * How many read calls were made.
     *
     * @return how many read calls were made
     */
    public int reads() {
        return reads;
    }

    /** {@return whether the stream was closed} */
    public boolean isClosed() {
        return closed;
    }
}
