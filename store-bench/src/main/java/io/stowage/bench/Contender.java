package io.stowage.bench;

/**
 * One side of a comparison: Stowage doing an operation, or a baseline doing the same steps
 * without it. {@link #run} times only the operation itself; preparing and cleaning up (deleting
 * the previous output, opening a client) happen outside the timed span.
 */
interface Contender {
    String name();

    /** Runs the operation once and returns what the timed part took and moved; checks the result. */
    Sample run() throws Exception;

    /** A contender that takes its own sample (an external timer, a forked process). */
    static Contender of(String name, SampleTaker taker) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Sample run() throws Exception {
                return taker.take();
            }
        };
    }

    /** A contender whose whole {@code body} is timed; {@code body} returns the units it moved. */
    static Contender timed(String name, TimedBody body) {
        return timedThen(name, body::run, units -> units);
    }

    /**
     * A contender whose {@code operation} is timed and whose {@code afterwards} is not: it checks
     * what the operation returned, cleans up, and returns the units the operation moved.
     */
    static <T> Contender timedThen(String name, Operation<T> operation, Afterwards<T> afterwards) {
        return of(name, () -> {
            long start = System.nanoTime();
            T result = operation.run();
            long nanos = System.nanoTime() - start;
            return new Sample(nanos, afterwards.check(result));
        });
    }

    /** Takes one sample. */
    @FunctionalInterface
    interface SampleTaker {
        Sample take() throws Exception;
    }

    /** The timed part of a contender, returning the units it moved. */
    @FunctionalInterface
    interface TimedBody {
        long run() throws Exception;
    }

    /** The timed part of a contender, returning what {@link Afterwards} checks. */
    @FunctionalInterface
    interface Operation<T> {
        T run() throws Exception;
    }

    /** The untimed part after an {@link Operation}: checks, cleans up, returns the units moved. */
    @FunctionalInterface
    interface Afterwards<T> {
        long check(T result) throws Exception;
    }
}
