package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: memory stays bounded whatever the object size. An add of
 * {@link StoreTckEnvironment#boundedMemorySize()} bytes whose size is not declared, and a read
 * of such an object, are measured on the heap (live bytes after a full collection) before and
 * while the data moves: the heap may not grow by half of the object or more, not counting what
 * an in-memory backend keeps there ({@link StoreTckEnvironment#backendHeapBytes}). A store that
 * buffers a whole object, on add or on read, fails.
 */
abstract class StoreBoundedMemoryContract extends StoreVisibilityContract {
    @Test
    void anAddOfUnknownSizeHoldsBoundedMemory() throws Exception {
        requires(Capability.WRITE);
        Payload payload = Payload.of(tckEnvironment().boundedMemorySize(), nextSeed());
        Heap heap = new Heap();
        AtomicReference<Long> grown = new AtomicReference<>();
        InputStream source = Sources.actingAfter(payload.open(), payload.size() * 3 / 4, () -> grown.set(heap.growth()));

        StoredObject stored = add(newId(), source, AddOptions.defaults());

        assertThat(grown.get()).as("bytes the heap grew by, beyond what the backend keeps there, when 3/4 of an add of"
                + " %d bytes of unknown size were read", payload.size()).isNotNull().isLessThan(payload.size() / 2);
        assertThat(stored.size()).isEqualTo(payload.size());
    }

    @Test
    void aReadHoldsBoundedMemory() throws Exception {
        Payload payload = Payload.of(tckEnvironment().boundedMemorySize(), nextSeed());
        Location location = put(newId(), payload);
        Heap heap = new Heap();

        try (ObjectStream stream = store().get(location)) {
            assertThat(stream.readNBytes(64 * 1024)).hasSize(64 * 1024);
            long grown = heap.growth();
            assertThat(grown).as("bytes the heap grew by, beyond what the backend keeps there, with a read of %d bytes"
                    + " open", payload.size()).isLessThan(payload.size() / 2);
            assertThat(payload.mismatch(stream, 64 * 1024, payload.size() - 64 * 1024)).isEmpty();
        }
    }

    /** The live heap and the backend's share of it when created, and their growth since. */
    private final class Heap {
        private final long live;
        private final long backend;

        Heap() throws Exception {
            backend = tckEnvironment().backendHeapBytes(backendStore());
            live = HeapProbe.liveBytes();
        }

        long growth() {
            try {
                long backendNow = tckEnvironment().backendHeapBytes(backendStore());
                return HeapProbe.liveBytes() - live - (backendNow - backend);
            } catch (Exception e) {
                throw new UncheckedIOException(new java.io.IOException("measuring the backend's heap failed", e));
            }
        }
    }
}
