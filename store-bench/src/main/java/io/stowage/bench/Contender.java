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

    /** A contender whose whole {@code body} is timed; {@code body} returns the units it moved. */
    static Contender timed(String name, TimedBody body) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Sample run() throws Exception {
                long start = System.nanoTime();
                long units = body.run();
                return new Sample(System.nanoTime() - start, units);
            }
        };
    }

    /** The timed part of a contender. */
    @FunctionalInterface
    interface TimedBody {
        long run() throws Exception;
    }
}
