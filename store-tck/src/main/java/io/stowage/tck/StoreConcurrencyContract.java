package io.stowage.tck;

import io.stowage.Location;
import io.stowage.Store;
import io.stowage.tck.source.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: the store serves concurrent callers, and closing it twice
 * is harmless.
 */
abstract class StoreConcurrencyContract extends StoreLocationAndIdContract {
    @Test
    void servesConcurrentCallers() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        Payload payload = Payload.of(10_000 + i, nextSeed());
                        Location location = put(newId(), payload);
                        assertReads(location, payload);
                        delete(location);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingIsIdempotent() throws Exception {
        Store another = tckEnvironment().createStore();
        another.close();
        another.close();
    }
}
