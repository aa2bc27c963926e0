package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@link StoreContractTest}: an operation whose thread is interrupted. An add
 * interrupted while it streams fails with {@link OperationInterruptedException}, leaves nothing
 * behind and the id free, and keeps the thread's interrupt status; a read or size on an
 * interrupted thread either answers correctly or fails the same way, never with another
 * exception, and the thread is still interrupted afterwards.
 */
abstract class StoreInterruptContract extends StoreConcurrencyContract {
    /** How long an interrupted operation may take before the test calls it hung. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /** {@return the bytes an add reads before its thread is interrupted} */
    protected Stream<Long> interruptPoints() {
        return Stream.of(0L, 1L, tckEnvironment().largeSize() / 2);
    }

    @ParameterizedTest(name = "after {0} bytes")
    @MethodSource("interruptPoints")
    void anInterruptedAddFailsLeavesNothingAndKeepsTheInterrupt(long interruptAfter) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        Payload payload = Payload.of(tckEnvironment().largeSize(), nextSeed());
        AtomicReference<Thread> adder = new AtomicReference<>();
        InputStream source = Sources.actingAfter(payload.open(), interruptAfter, () -> adder.get().interrupt());

        Outcome outcome = onOwnThread(adder, () -> add(id, source, AddOptions.defaults()));

        assertThat(outcome.result()).as("an add of %s whose thread was interrupted after %d of %d bytes returned",
                id, interruptAfter, payload.size()).isNull();
        assertThat(outcome.thrown()).as("what an add interrupted after %d bytes threw", interruptAfter)
                .isInstanceOf(OperationInterruptedException.class);
        assertThat(outcome.stillInterrupted()).as("the thread's interrupt status after the add failed").isTrue();
        assertIdIsFree(id);
    }

    @Test
    void readsOnAnInterruptedThreadAnswerOrFailAsInterrupted() throws Exception {
        Payload payload = Payload.of(200_000, nextSeed());
        Location location = put(newId(), payload);
        AtomicReference<Thread> reader = new AtomicReference<>();
        List<String> steps = new ArrayList<>();

        Outcome outcome = onOwnThread(reader, () -> {
            try (ObjectStream stream = store().get(location)) {
                byte[] first = stream.readNBytes(10_000);
                Thread.currentThread().interrupt();
                steps.add("read interrupted midway: " + payload.mismatch(new java.io.ByteArrayInputStream(first), 0, 10_000)
                        .or(() -> payload.mismatch(stream, 10_000, payload.size() - 10_000)).orElse("all data right"));
            }
            steps.add("size on an interrupted thread: " + store().size(location));
            try (ObjectStream stream = store().get(location)) {
                steps.add("get on an interrupted thread: " + payload.mismatch(stream).orElse("all data right"));
            }
            return null;
        });

        if (outcome.thrown() != null) {
            assertThat(outcome.thrown()).as("what a read on an interrupted thread threw, after: %s", steps)
                    .isInstanceOf(OperationInterruptedException.class);
        } else {
            assertThat(steps).as("reads on an interrupted thread").containsExactly(
                    "read interrupted midway: all data right", "size on an interrupted thread: 200000",
                    "get on an interrupted thread: all data right");
        }
        assertThat(outcome.stillInterrupted()).as("the thread's interrupt status after the reads (%s)", steps).isTrue();
        assertNothingOpen();
        assertReads(location, payload);
    }

    /** What a call on its own thread came to, and whether that thread was still interrupted afterwards. */
    private record Outcome(Object result, Throwable thrown, boolean stillInterrupted) {}

    private interface Call {
        Object call() throws Exception;
    }

    /** Runs {@code call} on a new thread (published in {@code thread} before it starts) and waits, bounded, for it. */
    private static Outcome onOwnThread(AtomicReference<Thread> thread, Call call) throws InterruptedException {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            Object result = null;
            Throwable thrown = null;
            try {
                result = call.call();
            } catch (java.io.UncheckedIOException e) {
                thrown = e.getCause(); // a stream read failed inside Payload.mismatch
            } catch (Throwable e) {
                thrown = e;
            }
            outcome.set(new Outcome(result, thrown, Thread.currentThread().isInterrupted()));
        }, "stowage-tck-interrupted");
        thread.set(worker);
        worker.start();
        worker.join(HANG_GUARD.toMillis());
        if (worker.isAlive()) {
            worker.interrupt();
            fail("An operation on an interrupted thread was still running after " + HANG_GUARD.toSeconds() + " s");
        }
        return outcome.get();
    }
}
