package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.ContractEnforcingStore;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.NotSupportedException;
import io.stowage.ObjectId;
import io.stowage.SizeLimitExceededException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import io.stowage.tck.source.TrackedInputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@link StoreContractTest}, run on the store behind a {@link ContractEnforcingStore} only:
 * the rules the decorator keeps for every backend. Undeclared capabilities and foreign schemes are
 * refused, reading nothing and changing nothing; the requested checksums are computed, an expected
 * checksum and size are verified and the size limit holds, leaving nothing and the id free when
 * they fail; the add's metadata lands in the location and progress is reported. A backend leaves
 * all of this to the decorator, which is why the {@code BareBackend} part does not run it.
 */
abstract class StoreEnforcedRulesContract extends StoreBoundedMemoryContract {
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
    void refusesDiscardWithoutDeleteCapability() throws Exception {
        requiresMissing(Capability.DELETE);
        Payload payload = Payload.of(100, nextSeed());
        ObjectId id = newId();
        Location location = put(id, payload);

        assertThatThrownBy(() -> store().discard(id)).isInstanceOf(NotSupportedException.class);
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

    @Test
    void computesTheRequestedChecksums() throws Exception {
        requires(Capability.WRITE);
        Payload payload = Payload.of(70_001, nextSeed());
        StoredObject stored = add(newId(), payload.open(), AddOptions.builder()
                .checksum(ChecksumAlgorithm.MD5).checksum(ChecksumAlgorithm.SHA512).build());

        assertThat(stored.checksums().values()).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256,
                ChecksumAlgorithm.SHA512);
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertThat(stored.checksums().value(algorithm)).as(algorithm.id()).contains(payload.checksum(algorithm).hex());
        }
    }

    @Test
    void acceptsTheExpectedChecksum() throws Exception {
        requires(Capability.WRITE);
        Payload payload = Payload.of(1000, nextSeed());
        StoredObject stored = add(newId(), payload.open(), AddOptions.builder()
                .expectedChecksum(payload.checksum(ChecksumAlgorithm.MD5)).expectedSize(1000).build());

        assertThat(stored.checksums().value(ChecksumAlgorithm.MD5)).contains(payload.checksum(ChecksumAlgorithm.MD5).hex());
        assertReads(stored.location(), payload);
    }

    @Test
    void putsTheOptionMetadataIntoTheLocation() throws Exception {
        requires(Capability.WRITE);
        Payload payload = Payload.of(10, nextSeed());
        StoredObject stored = add(newId(), payload.open(), AddOptions.builder().metadata("tck-tenant", "a-1").build());

        assertThat(stored.location().metadata()).containsEntry("tck-tenant", "a-1");
        assertReads(stored.location(), payload);
    }

    @Test
    void reportsProgress() throws Exception {
        requires(Capability.WRITE);
        Payload payload = Payload.of(200_003, nextSeed());
        List<Long> reported = new CopyOnWriteArrayList<>();

        add(newId(), payload.open(), AddOptions.builder().progress(reported::add).build());

        assertThat(reported).isNotEmpty().isSorted();
        assertThat(reported.get(reported.size() - 1)).isEqualTo(200_003L);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("positiveSizes")
    void sizeLimitExceededLeavesNothing(long size) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().sizeLimit(size - 1).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        assertIdIsFree(id);
    }

    @Test
    void acceptsDataOfExactlyTheSizeLimit() throws Exception {
        requires(Capability.WRITE);
        Payload payload = Payload.of(65_537, nextSeed());

        StoredObject stored = add(newId(), payload.open(), AddOptions.builder().sizeLimit(65_537).build());

        assertThat(stored.size()).isEqualTo(65_537);
        assertReads(stored.location(), payload);
    }

    @Test
    void declaredSizeAboveTheLimitFailsBeforeReading() throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        TrackedInputStream source = Sources.tracked(Payload.of(1000, nextSeed()).open());

        assertThatThrownBy(() -> add(id, source, AddOptions.builder().expectedSize(1000).sizeLimit(999).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        assertThat(source.bytesRead()).as("bytes read from the source").isZero();
        assertIdIsFree(id);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("mismatchSizes")
    void longerThanDeclaredLeavesNothing(long size) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedSize(size - 1).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("mismatchSizes")
    void shorterThanDeclaredLeavesNothing(long size) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedSize(size + 1).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("mismatchSizes")
    void checksumMismatchLeavesNothing(long size) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());
        // Another payload of one byte has the same byte once in 256 seeds: flip a digit of the right checksum instead.
        String right = payload.checksum(ChecksumAlgorithm.SHA256).hex();
        Checksum other = new Checksum(ChecksumAlgorithm.SHA256, (right.charAt(0) == '0' ? "1" : "0") + right.substring(1));

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedChecksum(other).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    @Test
    void refusesForeignSchemes() throws Exception {
        Payload payload = Payload.of(10, nextSeed());
        Location owned = put(newId(), payload);
        for (String scheme : List.of("stowage-tck-foreign", "s3", "file", "http", "memory", "swift", "rbd")) {
            if (store().schemes().contains(scheme)) {
                continue;
            }
            Location foreign = Location.of(URI.create(scheme + "://tck-host/tck-bucket/" + newId()));
            // The owned location with only its scheme changed: a store that ignores the scheme would serve it.
            Location sameButScheme = Location.of(URI.create(scheme + owned.url().substring(owned.scheme().length())),
                    owned.metadata());
            for (Location location : List.of(foreign, sameButScheme)) {
                assertThat(store().owns(location)).as("store owns %s", location).isFalse();
                assertRefused(location);
            }
        }
        assertReads(owned, payload);
    }
}
