package io.stowage.support;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one {@link InputStream#read()} of the streams that do their work in
 * {@link InputStream#read(byte[], int, int)} (count, hash, write, fail on cue): one byte read
 * through that method, so that a single-byte read takes the same path as any other.
 */
public final class SingleByteRead {
    private SingleByteRead() {}

    /**
     * Reads one byte from {@code stream} through its {@code read(byte[], int, int)}, asking again
     * after a read of 0 bytes (which a source may return, and which is not the end).
     *
     * @param stream the stream whose {@code read()} this is
     * @return the byte, 0 to 255, or -1 at the end of the stream
     * @throws IOException what the stream's read threw
     */
    public static int of(InputStream stream) throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = stream.read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }
}
