package io.stowage.support;

import static java.util.Objects.requireNonNull;

import io.stowage.OperationInterruptedException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The pause before a retry: exponential with full jitter and a cap. Before retry number
 * {@code attempt + 1} it pauses a random time between zero and {@code initial × 2^attempt},
 * at most {@code max}; so clients that failed together do not come back together. A server's
 * own word ({@code Retry-After}) can make a pause longer, never longer than {@code max}.
 *
 * <p>An interrupt of the pausing thread ends the pause with {@link OperationInterruptedException},
 * the thread's interrupt status set again; an interrupted thread does not pause at all. Instances
 * are immutable and safe to share between threads.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final Supplier<RandomGenerator> random;

    /** @param random the generator of the calling thread */
    Backoff(Duration initial, Duration max, Supplier<RandomGenerator> random) {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 <= initial <= max, not initial " + initial + " and max "
                    + max);
        }
        this.initialNanos = nanos(initial);
        this.maxNanos = nanos(max);
        this.random = requireNonNull(random, "random is null");
    }

    /**
     * Pauses of up to {@code initial × 2^attempt}, capped at {@code max}. With an {@code initial}
     * of zero there is no pause.
     *
     * @param initial the longest first pause
     * @param max the longest pause
     * @return the backoff
     * @throws IllegalArgumentException unless {@code 0 <= initial <= max}
     */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, ThreadLocalRandom::current);
    }

    /**
     * Sleeps before retry number {@code attempt + 1} (0 before the first retry), at least
     * {@code atLeast} (capped at {@code max}).
     *
     * @param attempt how many retries were made before this one
     * @param atLeast what the server asked for ({@code Retry-After}), or {@link Duration#ZERO}
     * @param doing what the caller waits for, for the message of an interrupt:
     *     {@code "waiting to retry reading http://host/a"} gives "Interrupted while waiting to retry
     *     reading http://host/a"
     * @throws OperationInterruptedException if the thread is interrupted, before or while it sleeps
     */
    public void pause(int attempt, Duration atLeast, String doing) throws OperationInterruptedException {
        requireNonNull(doing, "doing is null");
        long pause = pauseFor(attempt, atLeast).toNanos();
        if (Thread.currentThread().isInterrupted()) {
            throw Interruptions.interrupted("Interrupted while " + doing, null);
        }
        if (pause == 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("Interrupted while " + doing, e);
        }
    }

    /**
     * How long {@link #pause} sleeps: uniform between zero and {@code initial × 2^attempt} (both
     * included), capped at {@code max}; or {@code atLeast}, capped at {@code max}, when that is longer.
     */
    Duration pauseFor(int attempt, Duration atLeast) {
        requireNonNull(atLeast, "atLeast is null");
        long floor = atLeast.isNegative() ? 0 : atLeast.compareTo(Duration.ofNanos(maxNanos)) >= 0 ? maxNanos : atLeast.toNanos();
        return Duration.ofNanos(Math.max(delayNanos(attempt), floor));
    }

    private long delayNanos(int attempt) {
        long ceiling = ceilingNanos(attempt);
        if (ceiling == 0) {
            return 0;
        }
        RandomGenerator generator = random.get();
        return ceiling == Long.MAX_VALUE ? generator.nextLong(ceiling) : generator.nextLong(ceiling + 1);
    }

    private long ceilingNanos(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        if (initialNanos == 0) {
            return 0;
        }
        if (attempt >= Long.SIZE - 1 || initialNanos > (maxNanos >> attempt)) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << attempt);
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("A backoff of " + duration + " does not fit in nanoseconds", e);
        }
    }

    @Override
    public String toString() {
        return "Backoff[full jitter up to " + Duration.ofNanos(initialNanos) + " x 2^attempt, at most "
                + Duration.ofNanos(maxNanos) + "]";
    }
}
