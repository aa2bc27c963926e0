package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import io.stowage.tck.source.TrackedInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@link StoreContractTest}: what is added (at every size of {@link #sizes()}, with a
 * declared or unknown size, from sources that read short or return zero) or seeded reads back
 * byte for byte, with its size (and, behind the decorator, its SHA-256), and the store does not
 * close the caller's source. (The add options' checksums, metadata and progress are the
 * decorator's: {@link StoreEnforcedRulesContract}.)
 */
abstract class StoreRoundTripContract extends StoreCapabilityContract {
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsWithDeclaredSize(long size) throws Exception {
        requires(Capability.WRITE);
        roundTrip(Payload.of(size, nextSeed()), AddOptions.builder().expectedSize(size).build(), Payload::open);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsWithUnknownSize(long size) throws Exception {
        requires(Capability.WRITE);
        roundTrip(Payload.of(size, nextSeed()), AddOptions.defaults(), Payload::open);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsShortReadingSources(long size) throws Exception {
        requires(Capability.WRITE);
        Random random = new Random(size);
        roundTrip(Payload.of(size, nextSeed()), AddOptions.defaults(),
                payload -> Sources.shortReads(payload.open(), random, 5000));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsZeroLengthReadingSources(long size) throws Exception {
        requires(Capability.WRITE);
        Random random = new Random(size);
        roundTrip(Payload.of(size, nextSeed()), AddOptions.builder().expectedSize(size).build(),
                payload -> Sources.zeroLengthReads(payload.open(), random, 70_000));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void readsSeededObjects(long size) throws Exception {
        Payload payload = Payload.of(size, nextSeed());
        ObjectId id = newId();
        Location location = track(tckEnvironment().seed(backendStore(), id, payload.open(), size));

        assertThat(store().owns(location)).as("store owns %s", location).isTrue();
        assertThat(store().size(location)).isEqualTo(size);
        assertReads(location, payload);
    }

    @Test
    void doesNotCloseTheSource() throws Exception {
        requires(Capability.WRITE);
        TrackedInputStream source = Sources.tracked(Payload.of(1000, nextSeed()).open());

        add(newId(), source, AddOptions.defaults());

        assertThat(source.isClosed()).as("source closed by the store").isFalse();
        assertThat(source.bytesRead()).isEqualTo(1000);
    }

    private void roundTrip(Payload payload, AddOptions options, java.util.function.Function<Payload, InputStream> source)
            throws Exception {
        ObjectId id = newId();

        StoredObject stored = add(id, source.apply(payload), options);

        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.size()).as("stored size").isEqualTo(payload.size());
        if (enforcesContract()) {
            assertThat(stored.checksums().sha256()).as("stored SHA-256").isEqualTo(payload.sha256());
        }
        assertThat(store().schemes()).contains(stored.location().scheme());
        assertThat(store().owns(stored.location())).as("store owns %s", stored.location()).isTrue();
        assertThat(store().size(stored.location())).as("size of %s", stored.location()).isEqualTo(payload.size());
        assertReads(stored.location(), payload);
        if (has(Capability.DELETE)) {
            store().delete(stored.location());
            assertThatThrownBy(() -> store().get(stored.location()).close()).isInstanceOf(ObjectNotFoundException.class);
        }
    }
}
