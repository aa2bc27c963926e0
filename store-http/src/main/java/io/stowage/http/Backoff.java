package io.stowage.http;

import io.stowage.Location;
import io.stowage.StoreException;
import java.util.Optional;

/**
 * The pause before a retry: {@code initial * 2^attempt}, capped, or the server's
 * {@code Retry-After} seconds when that is longer (still capped).
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    /** The pause before retry number {@code attempt + 1}. */
    long millis(int attempt, Optional<String> retryAfter) {
        long exponential = initialMillis << Math.min(attempt, 20);
        long pause = Math.min(maxMillis, exponential);
        if (retryAfter.isPresent() && retryAfter.get().matches("\\d{1,9}")) {
            pause = Math.max(pause, Math.min(maxMillis, Long.parseLong(retryAfter.get()) * 1000));
        }
        return pause;
    }

    /**
     * Sleeps before retry number {@code attempt + 1}.
     *
     * @throws io.stowage.OperationInterruptedException if the thread is interrupted while it sleeps
     */
    void pause(int attempt, Optional<String> retryAfter, Location location) throws StoreException {
        long millis = millis(attempt, retryAfter);
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw Interruption.interrupted("while waiting to retry reading " + location, e);
        }
    }
}
