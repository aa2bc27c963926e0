package io.stowage.tck;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes racing adds overlap whole: each racer's source holds at the end of its data until
 * every racer got there or its add returned (refused early, failed), so that no add can
 * publish before every other has passed whatever checks a store makes before it writes. A
 * store that serialises whole adds never lets the others arrive; the wait is bounded, after
 * which the racers go on as they are.
 */
final class RaceRendezvous {
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final CountDownLatch pending;

    RaceRendezvous(int racers) {
        this.pending = new CountDownLatch(racers);
    }

    /** One racer's part. */
    Racer racer() {
        return new Racer();
    }

    final class Racer {
        private final AtomicBoolean arrived = new AtomicBoolean();

        /** At the end of this racer's data: counts it in and waits (bounded) for the others. */
        void atEndOfData() {
            leave();
            try {
                pending.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** When this racer's add returned: counts it in if its data never reached the end. */
        void leave() {
            if (arrived.compareAndSet(false, true)) {
                pending.countDown();
            }
        }
    }
}
