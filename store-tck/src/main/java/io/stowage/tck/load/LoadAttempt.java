package io.stowage.tck.load;

import io.stowage.tck.source.Payload;
import java.util.concurrent.atomic.AtomicReference;

/** One add of the load: its id, its unique size and its data, and when it began and returned (logical clock). */
final class LoadAttempt {
    /** What became of the add. */
    enum Status { PENDING, STORED, REFUSED, FAILED }

    final long number;
    final LoadSlot slot;
    final long size;
    final long seed;
    final AtomicReference<Status> status = new AtomicReference<>(Status.PENDING);
    /** Whether a read returned this add's data. */
    volatile boolean seen;
    volatile long started;
    volatile long returned;

    LoadAttempt(long number, LoadSlot slot, long size, long seed) {
        this.number = number;
        this.slot = slot;
        this.size = size;
        this.seed = seed;
    }

    Payload payload() {
        return Payload.of(size, seed);
    }

    @Override
    public String toString() {
        return "add #" + number + " of " + slot.id + " (" + size + " bytes)";
    }
}
