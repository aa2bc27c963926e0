package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.ObjectId;
import io.stowage.SizeLimitExceededException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import io.stowage.tck.source.TrackedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@link StoreContractTest}: an add that fails leaves nothing and the id free — when
 * the source fails (its exception passes through unchanged), when the data exceed the size
 * limit, and when they are longer or shorter than declared or do not match the expected
 * checksum.
 */
abstract class StoreFailedAddContract extends StoreRoundTripContract {
    protected Stream<Long> failurePoints() {
        TreeSet<Long> points = new TreeSet<>(List.of(0L, 1L));
        points.addAll(tckEnvironment().boundarySizes());
        points.add(tckEnvironment().largeSize() / 2);
        points.add(tckEnvironment().largeSize());
        return points.stream();
    }

    @ParameterizedTest(name = "after {0} bytes")
    @MethodSource("failurePoints")
    void sourceFailureLeavesNothing(long failAfter) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        IOException injected = new IOException("injected source failure after " + failAfter + " bytes");
        InputStream source = Sources.failingAfter(Payload.of(failAfter + 1000, nextSeed()).open(), failAfter, () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.defaults()));

        assertThat(thrown).as("the source's IOException passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    @Test
    void sourceFailureWithDeclaredSizeLeavesNothing() throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        long size = tckEnvironment().largeSize();
        IOException injected = new IOException("injected source failure");
        InputStream source = Sources.failingAfter(Payload.of(size, nextSeed()).open(), size - 1, () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.builder().expectedSize(size).build()));

        assertThat(thrown).as("the source's IOException passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    @Test
    void uncheckedSourceFailureLeavesNothing() throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        IllegalStateException injected = new IllegalStateException("injected unchecked source failure");
        InputStream source = Sources.failingAfter(Payload.of(100_000, nextSeed()).open(), 70_000, () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.defaults()));

        assertThat(thrown).as("the source's exception passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    /** The sizes of {@link #sizes()} but 0: nothing is smaller than empty. */
    protected Stream<Long> positiveSizes() {
        return sizes().filter(size -> size > 0);
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

    protected Stream<Long> mismatchSizes() {
        return Stream.of(1L, 1000L, tckEnvironment().largeSize());
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
        Checksum other = Payload.of(size, nextSeed()).checksum(ChecksumAlgorithm.SHA256);

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedChecksum(other).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    /** The id is free: nothing is left or open, and adding it again succeeds and reads back. */
    final void assertIdIsFree(ObjectId id) throws Exception {
        assertBackendEmpty();
        Payload payload = Payload.of(10, nextSeed());
        StoredObject again = add(id, payload.open(), AddOptions.defaults());
        assertReads(again.location(), payload);
    }
}
