package io.stowage.tck.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The faults a {@link FaultInjectingStore} injects; {@link #NONE} injects nothing. Immutable;
 * build with the {@code with...} methods: {@code Faults.NONE.withReadFailureAfter(1000).withCloseFailure()}.
 */
public final class Faults {
    /** The operations of a store. */
    public enum Operation {
        /** {@code add}. */
        ADD,
        /** {@code get}. */
        GET,
        /** {@code size}. */
        SIZE,
        /** {@code delete}. */
        DELETE
    }

    /** No fault at all. */
    public static final Faults NONE = new Faults(-1, false, Duration.ZERO, -1, Set.of());

    private final long readFailureAfter;
    private final boolean closeFailure;
    private final Duration readDelay;
    private final long addFailureAfter;
    private final Set<Operation> unavailable;

    private Faults(long readFailureAfter, boolean closeFailure, Duration readDelay, long addFailureAfter,
            Set<Operation> unavailable) {
        if (readDelay == null || readDelay.isNegative()) {
            throw new IllegalArgumentException("readDelay must be zero or positive");
        }
        this.readFailureAfter = readFailureAfter;
        this.closeFailure = closeFailure;
        this.readDelay = readDelay;
        this.addFailureAfter = addFailureAfter;
        this.unavailable = unavailable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unavailable));
    }

    /** {@return after how many bytes every stream returned by {@code get} fails; negative for never} */
    public long readFailureAfter() {
        return readFailureAfter;
    }

    /** {@return whether closing a stream fails, after the backend stream was closed} */
    public boolean closeFailure() {
        return closeFailure;
    }

    /** {@return how long each read of a stream pauses first (a slow backend)} */
    public Duration readDelay() {
        return readDelay;
    }

    /** {@return after how many bytes that reached the store every add fails; negative for never} */
    public long addFailureAfter() {
        return addFailureAfter;
    }

    /** {@return the operations that fail at once, as if the backend were down} */
    public Set<Operation> unavailable() {
        return unavailable;
    }

    /**
     * These faults, with streams failing after {@code bytes}.
     *
     * @param bytes bytes read before the failure; negative for never
     * @return the new faults
     */
    public Faults withReadFailureAfter(long bytes) {
        return new Faults(bytes, closeFailure, readDelay, addFailureAfter, unavailable);
    }

    /** {@return these faults, with closing a stream failing} */
    public Faults withCloseFailure() {
        return new Faults(readFailureAfter, true, readDelay, addFailureAfter, unavailable);
    }

    /**
     * These faults, with every read pausing first.
     *
     * @param delay the pause, zero or positive
     * @return the new faults
     */
    public Faults withReadDelay(Duration delay) {
        return new Faults(readFailureAfter, closeFailure, delay, addFailureAfter, unavailable);
    }

    /**
     * These faults, with adds failing after {@code bytes} reached the store.
     *
     * @param bytes bytes before the failure; negative for never
     * @return the new faults
     */
    public Faults withAddFailureAfter(long bytes) {
        return new Faults(readFailureAfter, closeFailure, readDelay, bytes, unavailable);
    }

    /**
     * These faults, with {@code operations} failing at once.
     *
     * @param operations the operations
     * @return the new faults
     */
    public Faults withUnavailable(Operation... operations) {
        return new Faults(readFailureAfter, closeFailure, readDelay, addFailureAfter, Set.of(operations));
    }

    /** {@return every fault} */
    @Override
    public String toString() {
        return "Faults[readFailureAfter=" + readFailureAfter + ", closeFailure=" + closeFailure + ", readDelay=" + readDelay
                + ", addFailureAfter=" + addFailureAfter + ", unavailable=" + unavailable + "]";
    }
}
