package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many adds of one id at once, through one store, through two stores, and into different dirs: exactly one wins. */
class RacingAddsTest {
    private static final int RACERS = 12;

    @TempDir
    Path root;

    private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void oneStoreManyRacers() throws Exception {
        try (Store store = new FileStoreProvider().create("one", FileStoreConfig.ofDirs(root.resolve("data").toString())
                .withBufferSize(64 * 1024))) {
            for (int round = 0; round < 10; round++) {
                race(List.of(store), round % 2 == 0 ? 100 : 300_001, round);
            }
            assertThat(TestFiles.names(root.resolve("data"))).hasSize(10).allSatisfy(name ->
                    assertThat(TempFile.isTempName(name)).isFalse());
        }
    }

    @Test
    void storesWhoseRacersPickDifferentDirs() throws Exception {
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        try (Store preferA = new FileStoreProvider().create("prefer-a",
                FileStoreConfig.ofDirs(List.of(a + ":2", b + ":1")).withBufferSize(64 * 1024));
                Store preferB = new FileStoreProvider().create("prefer-b",
                        FileStoreConfig.ofDirs(List.of(a + ":1", b + ":2")).withBufferSize(64 * 1024))) {
            for (int round = 0; round < 10; round++) {
                ObjectId id = race(List.of(preferA, preferB), round % 2 == 0 ? 100 : 200_001, round);

                boolean inA = Files.exists(a.resolve(id.value()));
                boolean inB = Files.exists(b.resolve(id.value()));
                assertThat(inA ^ inB).as("%s is in exactly one dir (a: %s, b: %s)", id, inA, inB).isTrue();
            }
        }
    }

    /** Races {@value #RACERS} adds of a new id, spread over {@code stores}; returns the id. */
    private ObjectId race(List<Store> stores, long size, int round) throws Exception {
        ObjectId id = ObjectId.of("race-" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Payload> payloads = new ArrayList<>();
        List<Future<StoredObject>> results = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Payload payload = Payload.of(size, round * 100L + i);
            Store store = stores.get(i % stores.size());
            payloads.add(payload);
            results.add(pool.submit(() -> {
                start.await();
                return store.add(id, Sources.shortReads(payload.open(), new Random(payload.seed()), 8192),
                        AddOptions.defaults());
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            try {
                results.get(i).get(60, TimeUnit.SECONDS);
                winners.add(i);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("a losing add").isInstanceOf(ObjectAlreadyExistsException.class);
            }
        }
        assertThat(winners).as("winners of round %d", round).hasSize(1);
        int winner = winners.get(0);
        for (Store store : stores) {
            try (ObjectStream stream = store.get(results.get(winner).get().location())) {
                assertThat(payloads.get(winner).mismatch(stream)).as("the winner's data").isEmpty();
            }
        }
        return id;
    }
}
