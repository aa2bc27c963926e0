package io.stowage.bench;

/**
 * One timed execution of a contender: how long the measured part took and how much it moved
 * (bytes for transfers, completed operations for the small-object cycles).
 */
record Sample(long nanos, long units) {
    Sample {
        if (nanos <= 0 || units < 0) {
            throw new IllegalArgumentException("a sample needs a positive time and a non-negative amount: " + nanos + " ns, " + units);
        }
    }

    /** Units per second. */
    double rate() {
        return units / seconds();
    }

    double seconds() {
        return nanos / 1e9;
    }
}
