package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's source as an add reads it: counts the bytes and knows whether the read that ends
 * the data (-1) happened, the point after which the contract decorator has passed judgement on
 * the data and an upload may be committed. Closing it does not close the source.
 */
final class CountedSource extends InputStream {
    private final InputStream source;
    private long bytes;
    private boolean ended;

    CountedSource(InputStream source) {
        this.source = requireNonNull(source, "source is null");
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        int n = source.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
        } else {
            bytes += n;
        }
        return n;
    }

    /** Bytes read so far. */
    long bytes() {
        return bytes;
    }

    /** Whether the source returned the end of its data. */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        // the source belongs to the caller
    }
}
