package io.stowage.tck.source;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Test data of any size that is never held in memory: byte {@code i} is a pseudo-random
 * function of the seed and {@code i}, so two payloads of different seeds differ almost
 * everywhere and a shifted or truncated read is caught at its first byte. Immutable.
 */
public final class Payload {
    private static final int BLOCK = 8192;

    private final long size;
    private final long seed;

    private Payload(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.size = size;
        this.seed = seed;
    }

    /**
     * A payload of {@code size} bytes generated from {@code seed}.
     *
     * @param size the size in bytes
     * @param seed the seed; equal seeds make equal bytes
     * @return the payload
     */
    public static Payload of(long size, long seed) {
        return new Payload(size, seed);
    }

    /** {@return the size in bytes} */
    public long size() {
        return size;
    }

    /** {@return the seed the bytes come from} */
    public long seed() {
        return seed;
    }

    /**
     * The byte at {@code position}.
     *
     * @param position the byte, from 0
     * @return the byte
     */
    public byte byteAt(long position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of a payload of " + size + " bytes");
        }
        return (byte) (mix(seed ^ (position >>> 3) * 0x9E3779B97F4A7C15L) >>> ((position & 7) * 8));
    }

    /**
     * A new stream of the whole payload.
     *
     * @return a new stream of the bytes
     */
    public InputStream open() {
        return open(0, size);
    }

    /**
     * A new stream of {@code length} bytes from {@code offset}.
     *
     * @param offset where the bytes start in the payload
     * @param length how many bytes
     * @return a new stream of the bytes
     */
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("bytes " + offset + "+" + length + " of a payload of " + size + " bytes");
        }
        return new PayloadInputStream(this, offset, offset + length);
    }

    /**
     * The payload as an array; only for payloads up to 16 MiB.
     *
     * @return the payload's bytes
     */
    public byte[] bytes() {
        if (size > 16 * 1024 * 1024) {
            throw new IllegalStateException("A payload of " + size + " bytes is too large for an array");
        }
        byte[] bytes = new byte[(int) size];
        fill(0, bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * The checksum of the whole payload, computed by streaming it.
     *
     * @param algorithm the algorithm
     * @return the checksum
     */
    public Checksum checksum(ChecksumAlgorithm algorithm) {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[BLOCK];
        for (long position = 0; position < size; position += buffer.length) {
            int n = (int) Math.min(buffer.length, size - position);
            fill(position, buffer, 0, n);
            digest.update(buffer, 0, n);
        }
        return new Checksum(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * The SHA-256 hex digest of the whole payload.
     *
     * @return the hex digest
     */
    public String sha256() {
        return checksum(ChecksumAlgorithm.SHA256).hex();
    }

    /**
     * Reads {@code actual} to its end and compares it with {@code length} bytes of this payload
     * from {@code offset}. Empty when equal, else a description of the first difference.
     *
     * @param actual the bytes to compare, read to their end
     * @param offset where the bytes start in the payload
     * @param length how many bytes
     * @return empty when the bytes are equal, else a description of the first difference
     */
    public Optional<String> mismatch(InputStream actual, long offset, long length) {
        byte[] buffer = new byte[BLOCK];
        long compared = 0;
        try {
            while (true) {
                int n = actual.read(buffer, 0, buffer.length);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    long position = compared + i;
                    if (position >= length) {
                        return Optional.of("more data than the expected " + length + " bytes (from offset " + offset + ")");
                    }
                    if (buffer[i] != byteAt(offset + position)) {
                        return Optional.of("bytes differ at position " + position + " of the read (offset " + offset
                                + " in the object): expected " + (byteAt(offset + position) & 0xff) + ", got "
                                + (buffer[i] & 0xff));
                    }
                }
                compared += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the data to compare failed after " + compared + " bytes", e);
        }
        if (compared != length) {
            return Optional.of("the read ended after " + compared + " of the expected " + length + " bytes (from offset "
                    + offset + ")");
        }
        return Optional.empty();
    }

    /**
     * {@link #mismatch(InputStream, long, long)} of the whole payload.
     *
     * @param actual the bytes to compare, read to their end
     * @return empty when the bytes are equal, else a description of the first difference
     */
    public Optional<String> mismatch(InputStream actual) {
        return mismatch(actual, 0, size);
    }

    void fill(long position, byte[] target, int offset, int length) {
        int i = 0;
        while (i < length) {
            long at = position + i;
            long word = mix(seed ^ (at >>> 3) * 0x9E3779B97F4A7C15L);
            int shift = (int) (at & 7);
            for (int b = shift; b < 8 && i < length; b++, i++) {
                target[offset + i] = (byte) (word >>> (b * 8));
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Payload[" + size + " bytes, seed " + seed + "]";
    }
}
