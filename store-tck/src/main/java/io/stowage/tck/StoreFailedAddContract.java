package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.IntegrityException;
import io.stowage.ObjectId;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@link StoreContractTest}: an add that fails leaves nothing and the id free when the
 * source fails — after some bytes, with a declared size, unchecked, or only at the read that ends
 * it, also with the decorator's kind of error — and its exception passes through unchanged. (The
 * size limit and the expected size and checksum are the decorator's: {@link StoreEnforcedRulesContract}.)
 */
abstract class StoreFailedAddContract extends StoreRoundTripContract {
    /** {@return where the failing sources fail: 0, 1, the boundary sizes, half the large size and the large size} */
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

    /**
     * The source delivers every byte and then throws from the read that ends it: a store that
     * publishes before that read (after the declared size, a full last buffer or part) keeps data
     * the contract decorator has not passed.
     */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void aFailureOfTheReadThatEndsTheSourceLeavesNothing(long size) throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        IOException injected = new IOException("injected failure at the end of " + size + " bytes");
        InputStream source = Sources.failingAtEnd(Payload.of(size, nextSeed()).open(), () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.builder().expectedSize(size).build()));

        assertThat(thrown).as("the exception of the source's last read passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    /**
     * The source throws the kind of error the contract decorator's verification raises (a
     * {@link IntegrityException}, in the store's own error family) from its last read: the store
     * passes it through as it is, neither wrapped nor taken for a failure of its own, and stores nothing.
     */
    @Test
    void anIntegrityFailureOfTheSourcePassesThroughAndLeavesNothing() throws Exception {
        requires(Capability.WRITE);
        ObjectId id = newId();
        long size = tckEnvironment().largeSize();
        IntegrityException injected = new IntegrityException("injected: the data of '" + id + "' has another checksum");
        InputStream source = Sources.failingAtEnd(Payload.of(size, nextSeed()).open(), () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.defaults()));

        assertThat(thrown).as("the source's IntegrityException passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    /**
     * The sizes of {@link #sizes()} but 0: nothing is smaller than empty.
     *
     * @return the sizes in bytes
     */
    protected Stream<Long> positiveSizes() {
        return sizes().filter(size -> size > 0);
    }

    /** {@return the sizes of the expected-size and checksum mismatch tests} */
    protected Stream<Long> mismatchSizes() {
        return Stream.of(1L, 1000L, tckEnvironment().largeSize());
    }

    /** The id is free: nothing is left or open, and adding it again succeeds and reads back. */
    final void assertIdIsFree(ObjectId id) throws Exception {
        assertBackendEmpty();
        Payload payload = Payload.of(10, nextSeed());
        StoredObject again = add(id, payload.open(), AddOptions.defaults());
        assertReads(again.location(), payload);
    }
}
