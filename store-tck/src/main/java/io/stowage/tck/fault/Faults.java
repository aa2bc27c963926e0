package io.stowage.tck.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The faults a {@link FaultInjectingStore} injects; {@link #NONE} injects nothing. Build with
 * the {@code with...} methods: {@code Faults.NONE.withReadFailureAfter(1000).withCloseFailure()}.
 *
 * @param readFailureAfter every stream returned by {@code get} fails after this many bytes (negative: never)
 * @param closeFailure closing a stream fails, after the backend stream was closed
 * @param readDelay each read of a stream pauses this long first (a slow backend)
 * @param addFailureAfter every add fails after this many bytes reached the store (negative: never)
 * @param unavailable operations that fail at once, as if the backend were down
 */
public record Faults(long readFailureAfter, boolean closeFailure, Duration readDelay, long addFailureAfter,
        Set<Operation> unavailable) {
    /** The operations of a store. */
    public enum Operation { ADD, GET, SIZE, DELETE }

    public static final Faults NONE = new Faults(-1, false, Duration.ZERO, -1, Set.of());

    public Faults {
        if (readDelay == null || readDelay.isNegative()) {
            throw new IllegalArgumentException("readDelay must be zero or positive");
        }
        unavailable = unavailable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unavailable));
    }

    public Faults withReadFailureAfter(long bytes) {
        return new Faults(bytes, closeFailure, readDelay, addFailureAfter, unavailable);
    }

    public Faults withCloseFailure() {
        return new Faults(readFailureAfter, true, readDelay, addFailureAfter, unavailable);
    }

    public Faults withReadDelay(Duration delay) {
        return new Faults(readFailureAfter, closeFailure, delay, addFailureAfter, unavailable);
    }

    public Faults withAddFailureAfter(long bytes) {
        return new Faults(readFailureAfter, closeFailure, readDelay, bytes, unavailable);
    }

    public Faults withUnavailable(Operation... operations) {
        return new Faults(readFailureAfter, closeFailure, readDelay, addFailureAfter, Set.of(operations));
    }
}
