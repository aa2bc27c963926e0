package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.NotSupportedException;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import io.stowage.tck.source.TrackedInputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: the store names itself and its schemes, declares exactly
 * the capabilities of the environment's {@link StoreProfile}, and refuses what it does not
 * declare with {@link NotSupportedException}, reading nothing and changing nothing.
 */
abstract class StoreCapabilityContract extends StoreContractFixture {
    @Test
    void declaresTheCapabilitiesOfItsServer() {
        assertThat(store().capabilities())
                .as("capabilities of store '%s', whose environment declares the profile %s", store().name(), declaredProfile())
                .containsExactlyInAnyOrderElementsOf(declaredProfile().capabilities());
        assertThat(store().capabilities()).as("capabilities are constant").isEqualTo(store().capabilities());
        assertThat(store().capabilities()).as("every store reads").contains(Capability.READ);
    }

    @Test
    void namesItselfAndItsSchemes() {
        assertThat(store().name()).isNotBlank();
        assertThat(store().schemes()).isNotEmpty();
        assertThat(store().schemes()).allSatisfy(scheme -> {
            assertThat(scheme).isEqualTo(scheme.toLowerCase(Locale.ROOT));
            assertThat(scheme).matches("[a-z][a-z0-9+.-]*");
        });
    }

    @Test
    void refusesAddWithoutWriteCapability() throws Exception {
        requiresMissing(Capability.WRITE);
        TrackedInputStream source = Sources.tracked(Payload.of(10, 1).open());

        assertThatThrownBy(() -> store().add(newId(), source, AddOptions.defaults())).isInstanceOf(NotSupportedException.class);
        assertThat(source.bytesRead()).as("bytes read from the source of a refused add").isZero();
    }

    @Test
    void refusesDeleteWithoutDeleteCapability() throws Exception {
        requiresMissing(Capability.DELETE);
        Payload payload = Payload.of(100, nextSeed());
        Location location = put(newId(), payload);

        assertThatThrownBy(() -> store().delete(location)).isInstanceOf(NotSupportedException.class);
        assertReads(location, payload);
    }

    @Test
    void refusesRangesWithoutRangeReadCapability() throws Exception {
        requiresMissing(Capability.RANGE_READ);
        Payload payload = Payload.of(100, nextSeed());
        Location location = put(newId(), payload);

        assertThatThrownBy(() -> store().get(location, ByteRange.of(1, 10)).close()).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> store().get(location, ByteRange.from(99)).close()).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> store().get(location, ByteRange.of(0, 100)).close()).isInstanceOf(NotSupportedException.class);
        assertReads(location, payload);
    }
}
