package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.OperationInterruptedException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The pause before a retry: exponential with full jitter, capped. Before retry {@code n} (from 1)
 * it sleeps a random time up to {@code initial × 2^(n-1)}, at most {@code max}, so that clients
 * that failed together do not come back together. An interrupt ends the pause with
 * {@link OperationInterruptedException}, the interrupt status kept.
 */
final class RetryPause {
    private final Duration initial;
    private final Duration max;

    RetryPause(Duration initial, Duration max) {
        this.initial = requireNonNull(initial, "initial is null");
        this.max = requireNonNull(max, "max is null");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("A retry pause needs 0 <= initial <= max, not " + initial + " and " + max);
        }
    }

    /** The longest pause before retry {@code retry} (from 1). */
    Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1: " + retry);
        }
        Duration ceiling = initial;
        for (int i = 1; i < retry && ceiling.compareTo(max) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        return ceiling.compareTo(max) > 0 ? max : ceiling;
    }

    /** Sleeps before retry {@code retry}; {@code doing} completes "Interrupted while ...". */
    void before(int retry, String doing) throws OperationInterruptedException {
        long ceiling = ceiling(retry).toNanos();
        long pause = ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Interrupted while " + doing, e);
        }
    }
}
