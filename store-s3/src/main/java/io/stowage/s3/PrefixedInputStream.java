package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes already read into a buffer, then the rest of the stream they came from. Unlike
 * {@link java.io.SequenceInputStream} it passes a zero-length read of the rest through as
 * such instead of taking it for the end. The buffer is let go once it has been read.
 */
final class PrefixedInputStream extends InputStream {
    private final InputStream rest;
    private byte[] prefix;
    private final int prefixLength;
    private int position;

    PrefixedInputStream(byte[] prefix, int prefixLength, InputStream rest) {
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.rest = requireNonNull(rest, "rest is null");
        if (prefixLength < 0 || prefixLength > prefix.length) {
            throw new IllegalArgumentException("prefixLength out of bounds: " + prefixLength);
        }
        this.prefixLength = prefixLength;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (prefix != null) {
            int n = Math.min(length, prefixLength - position);
            System.arraycopy(prefix, position, buffer, offset, n);
            position += n;
            if (position == prefixLength) {
                prefix = null;
            }
            if (n > 0) {
                return n;
            }
        }
        return rest.read(buffer, offset, length);
    }
}
