package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: what other readers and other store instances see. An
 * add is invisible until it returns — a reader racing it halfway through its data, and again
 * when it has all of its data, finds nothing at its location. Two stores opened on one backend
 * ({@link StoreTckEnvironment#createStore} twice, as two processes or nodes) share it: what one
 * adds the other reads and deletes, a duplicate through the other is refused, and racing adds
 * of one id through both have exactly one winner.
 */
abstract class StoreVisibilityContract extends StoreInterruptContract {
    private static final int INSTANCE_RACE_ROUNDS = 4;
    private static final long PROBE_BOUND_SECONDS = 30;

    @Test
    void anAddIsInvisibleUntilItReturns() throws Exception {
        requires(Capability.WRITE, Capability.DELETE);
        ObjectId id = newId();
        // The location the id gets, learnt from an add removed again.
        Location location = add(id, Payload.of(10, nextSeed()).open(), AddOptions.defaults()).location();
        store().delete(location);
        Payload payload = Payload.of(tckEnvironment().largeSize(), nextSeed());
        List<String> seen = new CopyOnWriteArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            InputStream atEnd = Sources.actingAtEnd(payload.open(), () -> probe(reader, location, "with all its data read", seen));
            InputStream source = Sources.actingAfter(atEnd, payload.size() / 2, () -> probe(reader, location, "halfway", seen));

            StoredObject stored = add(id, source, AddOptions.defaults());

            assertThat(seen).as("what a reader found at %s while the add of %s ran", location, id).containsExactly(
                    "halfway: get ObjectNotFound, size ObjectNotFound",
                    "with all its data read: get ObjectNotFound, size ObjectNotFound");
            assertReads(stored.location(), payload);
        } finally {
            reader.shutdownNow();
        }
    }

    /** Reads {@code location} from another thread (bounded) and records what it found. */
    private void probe(ExecutorService reader, Location location, String when, List<String> seen) {
        Future<String> found = reader.submit(() -> when + ": get " + readOutcome(location) + ", size " + sizeOutcome(location));
        try {
            seen.add(found.get(PROBE_BOUND_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            seen.add(when + ": a read waited for the add for " + PROBE_BOUND_SECONDS + " s");
        } catch (Exception e) {
            seen.add(when + ": the reader failed: " + e);
        }
    }

    private String readOutcome(Location location) {
        try (ObjectStream stream = store().get(location)) {
            return "read " + stream.transferTo(java.io.OutputStream.nullOutputStream()) + " of " + stream.objectSize() + " bytes";
        } catch (IOException e) {
            return StoreErrors.kind(e);
        }
    }

    private String sizeOutcome(Location location) {
        try {
            return Long.toString(store().size(location));
        } catch (IOException e) {
            return StoreErrors.kind(e);
        }
    }

    @Test
    void twoInstancesShareOneBackend() throws Exception {
        Store other = openSecondInstance();
        Payload payload = Payload.of(1000, nextSeed());
        Location location = put(newId(), payload);

        assertThat(other.owns(location)).as("the second store owns %s", location).isTrue();
        assertThat(other.size(location)).isEqualTo(1000);
        assertReads(other, location, payload);
        if (has(Capability.DELETE)) {
            other.delete(location);
            assertThatThrownBy(() -> store().size(location)).as("size through the first store after a delete through the second")
                    .isInstanceOf(ObjectNotFoundException.class);
        }
        if (has(Capability.WRITE)) {
            ObjectId id = newId();
            Payload first = Payload.of(500, nextSeed());
            StoredObject stored = add(other, id, first.open(), AddOptions.defaults());
            assertThatThrownBy(() -> add(id, Payload.of(700, nextSeed()).open(), AddOptions.defaults()))
                    .as("a duplicate of %s through the first store", id)
                    .isInstanceOf(ObjectAlreadyExistsException.class);
            assertReads(stored.location(), first);
        }
    }

    @Test
    void racingAddsThroughTwoInstancesHaveExactlyOneWinner() throws Exception {
        requires(Capability.WRITE);
        Store other = openSecondInstance();
        int racers = Math.max(2, tckEnvironment().racingAdds());
        List<Store> targets = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
            targets.add(i % 2 == 0 ? store() : other);
        }
        race(targets, INSTANCE_RACE_ROUNDS);
    }
}
