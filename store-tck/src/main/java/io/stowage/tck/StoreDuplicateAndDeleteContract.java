package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: a duplicate add is refused and keeps the original, racing
 * adds of one id have exactly one winner — also when every racer has all of its data before
 * any publishes, which a check-then-write store cannot survive — and a delete removes exactly
 * its object, after which it is not found and its id is free again; {@code discard} removes what
 * an add of its id left, and finding nothing is no error.
 */
abstract class StoreDuplicateAndDeleteContract extends StoreFailedAddContract {
    private static final int RACE_ROUNDS = 8;

    @Test
    void refusesADuplicateAndKeepsTheOriginal() throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        Payload original = Payload.of(1000, nextSeed());
        Payload other = Payload.of(1000, nextSeed());
        StoredObject stored = add(id, original.open(), AddOptions.defaults());

        assertThatThrownBy(() -> add(id, other.open(), AddOptions.defaults()))
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining(id.value());
        assertThatThrownBy(() -> add(id, Payload.of(0, 0).open(), AddOptions.defaults()))
                .isInstanceOf(ObjectAlreadyExistsException.class);

        assertThat(store().size(stored.location())).isEqualTo(1000);
        assertReads(stored.location(), original);
    }

    @Test
    void racingAddsOfOneIdHaveExactlyOneWinner() throws Exception {
        requires(Capability.WRITE);
        int racers = Math.max(2, tckEnvironment().racingAdds());
        List<Store> targets = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            targets.add(store());
        }
        race(targets, RACE_ROUNDS);
    }

    /**
     * Races adds of one id through {@code targets} (one racer each), {@code rounds} times with
     * a fresh id: every racer's source holds at its end until all racers got there
     * ({@link RaceRendezvous}), so that each add has passed whatever the store checks before
     * it publishes. Exactly one add wins, the others are refused with
     * {@link ObjectAlreadyExistsException}, and every target reads the winner's data.
     */
    final void race(List<Store> targets, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        try {
            for (int round = 0; round < rounds; round++) {
                raceOnce(pool, targets, round % 2 == 0 ? 1000 : 65_537);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void raceOnce(ExecutorService pool, List<Store> targets, long size) throws Exception {
        ObjectId id = newId();
        CountDownLatch start = new CountDownLatch(1);
        RaceRendezvous rendezvous = new RaceRendezvous(targets.size());
        List<Payload> payloads = new ArrayList<>();
        List<Future<StoredObject>> results = new ArrayList<>();
        for (Store target : targets) {
            Payload payload = Payload.of(size, nextSeed());
            payloads.add(payload);
            RaceRendezvous.Racer racer = rendezvous.racer();
            results.add(pool.submit(() -> {
                start.await();
                try {
                    InputStream source = Sources.shortReads(payload.open(), new Random(payload.seed()), 4096);
                    return add(target, id, Sources.actingAtEnd(source, racer::atEndOfData), AddOptions.defaults());
                } finally {
                    racer.leave();
                }
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            try {
                results.get(i).get();
                winners.add(i);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("a losing add").isInstanceOf(ObjectAlreadyExistsException.class);
            }
        }
        assertThat(winners).as("adds of %s that succeeded", id).hasSize(1);
        StoredObject winner = results.get(winners.get(0)).get();
        for (Store target : new java.util.LinkedHashSet<>(targets)) {
            assertReads(target, winner.location(), payloads.get(winners.get(0)));
        }
        delete(winner.location());
    }

    @Test
    void idIsFreeAgainAfterDelete() throws Exception {
        requires(Capability.WRITE, Capability.DELETE);
        ObjectId id = newId();
        StoredObject first = add(id, Payload.of(500, nextSeed()).open(), AddOptions.defaults());
        store().delete(first.location());
        Payload second = Payload.of(700, nextSeed());

        StoredObject again = add(id, second.open(), AddOptions.defaults());

        assertThat(again.location().uri()).isEqualTo(first.location().uri());
        assertReads(again.location(), second);
    }

    @Test
    void deletedObjectsAreNotFound() throws Exception {
        ObjectId id = newId();
        Location location = put(id, Payload.of(100, nextSeed()));
        delete(location);

        assertThatThrownBy(() -> store().get(location).close()).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(id.value());
        assertThatThrownBy(() -> store().size(location)).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(id.value());
        if (has(Capability.RANGE_READ)) {
            assertThatThrownBy(() -> store().get(location, ByteRange.of(1, 2)).close())
                    .isInstanceOf(ObjectNotFoundException.class);
        }
        if (has(Capability.DELETE)) {
            assertThatThrownBy(() -> store().delete(location)).isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining(id.value());
        }
    }

    @Test
    void deleteRemovesOnlyItsObject() throws Exception {
        requires(Capability.DELETE);
        Payload kept = Payload.of(300, nextSeed());
        Location keptLocation = put(newId(), kept);
        Location deleted = put(newId(), Payload.of(300, nextSeed()));

        store().delete(deleted);

        assertReads(keptLocation, kept);
        assertThatThrownBy(() -> store().size(deleted)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void discardRemovesWhatAnAddOfItsIdLeftAndNothingElse() throws Exception {
        requires(Capability.WRITE, Capability.DELETE);
        ObjectId id = newId();
        Payload kept = Payload.of(300, nextSeed());
        Location keptLocation = put(newId(), kept);
        StoredObject discarded = add(id, Payload.of(500, nextSeed()).open(), AddOptions.defaults());

        store().discard(id);

        assertThatThrownBy(() -> store().size(discarded.location())).isInstanceOf(ObjectNotFoundException.class);
        assertReads(keptLocation, kept);
        Payload again = Payload.of(700, nextSeed());
        assertReads(add(id, again.open(), AddOptions.defaults()).location(), again);
    }

    @Test
    void discardOfAnIdWithNothingLeftIsNoError() throws Exception {
        requires(Capability.WRITE, Capability.DELETE);
        ObjectId id = newId();
        store().discard(id);
        StoredObject added = add(id, Payload.of(100, nextSeed()).open(), AddOptions.defaults());
        store().discard(id);

        store().discard(id);

        assertThatThrownBy(() -> store().size(added.location())).isInstanceOf(ObjectNotFoundException.class);
    }
}
