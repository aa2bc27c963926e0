package io.stowage.bench;

import java.io.IOException;
import java.io.InputStream;

/** Reads a stream to its end through one buffer, the null sink of the read scenarios. */
final class Drain {
    /** The read size every Java read scenario uses (Stowage's own transfer buffer). */
    static final int BUFFER = 128 * 1024;

    private Drain() {}

    /** Reads {@code in} to its end and returns the bytes read. */
    static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            total += n;
        }
        return total;
    }

    /** Fails unless {@code actual} bytes were moved where {@code expected} were. */
    static long check(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + " moved " + actual + " bytes, expected " + expected);
        }
        return actual;
    }
}
