package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.OperationInterruptedException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one backoff of the network backends: exponential, full jitter, capped, interruptible. */
class BackoffTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // a failed test must not leave the interrupt to the next one
    }

    @Test
    void theLongestPauseDoublesFromTheInitialOneUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> new ScriptedRandom(1.0));

        List<Duration> longest = new ArrayList<>();
        for (int attempt : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 62, 63, 64, Integer.MAX_VALUE}) {
            longest.add(backoff.pauseFor(attempt, Duration.ZERO));
        }

        assertThat(longest).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofMillis(3200), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    @Test
    void everyPauseIsDrawnUniformlyFromZeroToItsCeiling() {
        ScriptedRandom lowest = new ScriptedRandom(0.0);
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> lowest);

        assertThat(backoff.pauseFor(0, Duration.ZERO)).isZero();
        assertThat(backoff.pauseFor(3, Duration.ZERO)).isZero();
        assertThat(backoff.pauseFor(30, Duration.ZERO)).isZero();
        // the draws were over [0, ceiling] in nanoseconds, both ends included
        assertThat(lowest.bounds).containsExactly(100_000_001L, 800_000_001L, 5_000_000_001L);
    }

    @Property
    void aPauseNeverPassesItsCeilingAndTheTopDrawReachesIt(@ForAll @LongRange(max = 3_600_000_000_000L) long initialNanos,
            @ForAll @LongRange(max = 3_600_000_000_000L) long extraNanos, @ForAll @IntRange(max = 200) int attempt,
            @ForAll @DoubleRange(max = 1.0) double draw) {
        Duration initial = Duration.ofNanos(initialNanos);
        Duration max = Duration.ofNanos(initialNanos + extraNanos);
        long ceiling = BigInteger.valueOf(initialNanos).shiftLeft(attempt).min(BigInteger.valueOf(max.toNanos()))
                .longValueExact();

        Duration pause = new Backoff(initial, max, () -> new ScriptedRandom(draw)).pauseFor(attempt, Duration.ZERO);
        Duration top = new Backoff(initial, max, () -> new ScriptedRandom(1.0)).pauseFor(attempt, Duration.ZERO);

        assertThat(pause).isBetween(Duration.ZERO, Duration.ofNanos(ceiling));
        assertThat(top).isEqualTo(Duration.ofNanos(ceiling));
    }

    @Test
    void theServersRetryAfterMakesAPauseLongerButNeverPastTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> new ScriptedRandom(0.5));

        assertThat(backoff.pauseFor(0, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.pauseFor(0, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.pauseFor(0, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.pauseFor(0, Duration.ofSeconds(-3))).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.pauseFor(0, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aZeroInitialPauseMeansNoPauseAndNoDraw() {
        ScriptedRandom random = new ScriptedRandom(1.0);
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ofSeconds(5), () -> random);

        assertThat(backoff.pauseFor(0, Duration.ZERO)).isZero();
        assertThat(backoff.pauseFor(40, Duration.ZERO)).isZero();
        assertThat(random.bounds).isEmpty();
    }

    @Test
    void refusesSettingsThatAreNoBackoff() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Backoff needs 0 <= initial <= max, not initial PT-0.001S and max PT1S");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ZERO).pauseFor(-1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt must not be negative: -1");
    }

    @Test
    void anInterruptedThreadDoesNotPauseAndKeepsItsInterrupt() {
        Backoff backoff = new Backoff(HOUR, HOUR, () -> new ScriptedRandom(1.0));

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> backoff.pause(0, Duration.ZERO, "waiting to retry reading http://host/a"))
                .isExactlyInstanceOf(OperationInterruptedException.class)
                .hasMessage("Interrupted while waiting to retry reading http://host/a")
                .hasNoCause();
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    }

    @Test
    void anInterruptEndsAPauseThatIsUnderWay() throws Exception {
        Backoff backoff = new Backoff(HOUR, HOUR, () -> new ScriptedRandom(1.0));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread pausing = new Thread(() -> {
            try {
                backoff.pause(0, Duration.ZERO, "trying to add s3://images/a");
            } catch (Throwable e) {
                failure.set(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        }, "pausing");
        pausing.start();

        awaitState(pausing, Thread.State.TIMED_WAITING);
        pausing.interrupt();
        pausing.join(TimeUnit.MINUTES.toMillis(1));

        assertThat(pausing.isAlive()).as("the pause ended").isFalse();
        assertThat(failure.get()).isExactlyInstanceOf(OperationInterruptedException.class)
                .hasMessage("Interrupted while trying to add s3://images/a")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptKept).as("interrupt status kept").isTrue();
    }

    /** Waits (spinning, bounded) until {@code thread} is in {@code state}. */
    static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new AssertionError(thread.getName() + " never reached " + state + ": " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    /** Answers every bounded draw with the same fraction of its bound, and notes the bounds. */
    static final class ScriptedRandom implements RandomGenerator {
        final List<Long> bounds = new ArrayList<>();
        private final double fraction;

        ScriptedRandom(double fraction) {
            this.fraction = fraction;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            long value = (long) Math.floor(bound * fraction);
            return Math.min(bound - 1, value);
        }
    }
}
