package io.stowage.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A stream of {@code size} pseudo-random bytes made on the fly (xorshift from a seed), never
 * held in memory, hashing what it hands out with SHA-256. It does not tell its size:
 * {@link #available()} is 0, as for a pipe.
 */
final class GeneratedData extends InputStream {
    private final long size;
    private final MessageDigest sha256 = io.stowage.ChecksumAlgorithm.SHA256.newDigest();
    private long state;
    private long produced;

    GeneratedData(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (produced == size) {
            return -1;
        }
        int n = (int) Math.min(length, size - produced);
        for (int i = 0; i < n; i++) {
            if ((produced + i) % 8 == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            buffer[offset + i] = (byte) (state >>> (8 * ((produced + i) % 8)));
        }
        sha256.update(buffer, offset, n);
        produced += n;
        return n;
    }

    /** The SHA-256 of everything read so far, as hex; call once, at the end. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    long produced() {
        return produced;
    }
}
