package io.stowage.tck.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.BackendUnavailableException;
import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.tck.fault.Faults.Operation;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectingStoreTest {
    private final MemoryStore memory = new MemoryStore("faulty");
    private final FaultInjectingStore store = new FaultInjectingStore(memory);
    private final Payload payload = Payload.of(10_000, 3);

    private Location put() throws Exception {
        return store.add(ObjectId.random(), payload.open(), AddOptions.defaults()).location();
    }

    @Test
    void passesEverythingThroughWithoutFaults() throws Exception {
        Location location = put();

        try (ObjectStream stream = store.get(location, ByteRange.of(100, 5000))) {
            assertThat(payload.mismatch(stream, 100, 5000)).isEmpty();
        }
        assertThat(store.size(location)).isEqualTo(10_000);
        store.delete(location);
        assertThat(memory.objectCount()).isZero();
        assertThat(memory.openStreams()).isZero();
    }

    @Test
    void readsFailAfterTheGivenBytesAndStillReleaseTheBackendStream() throws Exception {
        Location location = put();
        store.inject(Faults.NONE.withReadFailureAfter(1234));
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (ObjectStream stream = store.get(location)) {
            assertThatThrownBy(() -> stream.transferTo(received))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("after 1234 bytes");
        }

        assertThat(received.size()).isEqualTo(1234);
        assertThat(payload.mismatch(new java.io.ByteArrayInputStream(received.toByteArray()), 0, 1234)).isEmpty();
        assertThat(memory.openStreams()).isZero();
    }

    @Test
    void closeFailsAfterClosingTheBackendStream() throws Exception {
        Location location = put();
        store.inject(Faults.NONE.withCloseFailure());
        ObjectStream stream = store.get(location);
        stream.read();

        assertThatThrownBy(stream::close).isInstanceOf(BackendUnavailableException.class);
        assertThat(memory.openStreams()).isZero();
    }

    @Test
    void slowReadsDeliverTheSameData() throws Exception {
        Location location = put();
        store.inject(Faults.NONE.withReadDelay(Duration.ofNanos(1000)));

        try (ObjectStream stream = store.get(location)) {
            assertThat(payload.mismatch(stream)).isEmpty();
        }
    }

    @Test
    void addsFailAfterTheGivenBytesAndLeaveNothing() {
        store.inject(Faults.NONE.withAddFailureAfter(5000));

        assertThatThrownBy(() -> put())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("after 5000 bytes");
        assertThat(memory.objectCount()).isZero();
    }

    @Test
    void unavailableOperationsFailAtOnceAndHealOnRequest() throws Exception {
        Location location = put();
        store.inject(Faults.NONE.withUnavailable(Operation.GET, Operation.SIZE, Operation.DELETE, Operation.ADD));

        assertThatThrownBy(() -> store.get(location)).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> store.size(location)).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> store.delete(location)).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> put()).isInstanceOf(BackendUnavailableException.class);
        assertThat(memory.objectCount()).isEqualTo(1);

        store.inject(Faults.NONE);
        assertThat(store.size(location)).isEqualTo(10_000);
    }
}
