package io.stowage.bench;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code size} bytes made up as they are read, without a file or a big array: a block of
 * random bytes (a prime number long, so that no two positions a power of two apart repeat it)
 * is repeated. Reproducible from the seed.
 */
final class GeneratedStream extends InputStream {
    private static final int BLOCK = 1_048_573;

    private final byte[] block = new byte[BLOCK];
    private final long size;
    private long position;

    GeneratedStream(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.size = size;
        new SplittableRandom(seed).nextBytes(block);
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        return block[(int) (position++ % BLOCK)] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        int done = 0;
        while (done < n) {
            int at = (int) (position % BLOCK);
            int chunk = Math.min(n - done, BLOCK - at);
            System.arraycopy(block, at, buffer, offset + done, chunk);
            done += chunk;
            position += chunk;
        }
        return n;
    }
}
