package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decorator keeps, for a backend that does only its own share, every rule the backend leaves to it. */
class ContractEnforcingStoreTest {
    private static final byte[] DATA = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final String MD5 = "5d41402abc4b2a76b9719d911017c592";
    private static final String SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private final BareBackend backend = new BareBackend();
    private final Store store = ContractEnforcingStore.wrap(backend);

    private static InputStream data() {
        return new ByteArrayInputStream(DATA);
    }

    @Test
    void addsTheChecksumsAndMetadataTheBackendLeavesOut() throws Exception {
        List<Long> progress = new ArrayList<>();
        StoredObject stored = store.add(ObjectId.of("a"), data(), AddOptions.builder().checksum(ChecksumAlgorithm.MD5)
                .metadata("tenant", "caller's").metadata("owner", "o1").progress(progress::add).build());

        assertThat(stored.size()).isEqualTo(5);
        assertThat(stored.checksums().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ChecksumAlgorithm.MD5, MD5, ChecksumAlgorithm.SHA256, SHA256));
        assertThat(stored.location().url()).isEqualTo("bare://test/a");
        assertThat(stored.location().metadata()).as("the backend's entries win over the add's")
                .containsExactlyInAnyOrderEntriesOf(Map.of("backend", "own", "tenant", "backend's", "owner", "o1"));
        assertThat(progress).last().isEqualTo(5L);
        assertThat(backend.objects.get("a")).containsExactly(DATA);
    }

    @Test
    void aChecksumMismatchFailsFromTheReadThatEndsTheDataSoTheBackendStoresNothing() throws Exception {
        Checksum other = new Checksum(ChecksumAlgorithm.SHA256, SHA256.replace('2', '3'));

        assertThatThrownBy(() -> store.add(ObjectId.of("a"), data(), AddOptions.builder().expectedChecksum(other).build()))
                .isInstanceOf(IntegrityException.class).hasMessageStartingWith("Checksum mismatch for object 'a'");
        assertThat(backend.objects).isEmpty();
    }

    @Test
    void sizesOtherThanDeclaredAndOverTheLimitFailAsTheBackendReads() throws Exception {
        assertThatThrownBy(() -> store.add(ObjectId.of("short"), data(), AddOptions.builder().expectedSize(6).build()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("short of its declared size of 6 bytes");
        assertThatThrownBy(() -> store.add(ObjectId.of("long"), data(), AddOptions.builder().expectedSize(4).build()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("longer than its declared size of 4 bytes");
        assertThatThrownBy(() -> store.add(ObjectId.of("capped"), data(), AddOptions.builder().sizeLimit(4).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        assertThat(backend.objects).isEmpty();
    }

    @Test
    void aDeclaredSizeOverTheLimitFailsBeforeTheBackendIsCalled() {
        assertThatThrownBy(() -> store.add(ObjectId.of("a"), data(), AddOptions.builder().expectedSize(5).sizeLimit(4).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        assertThat(backend.adds).hasValue(0);
    }

    @Test
    void aBackendThatPublishesBeforeTheEndOfTheDataIsRefusedAndItsObjectRemoved() {
        backend.publishAfter = 5;

        Throwable thrown = catchThrowable(() -> store.add(ObjectId.of("a"), data(), AddOptions.builder().expectedSize(5).build()));

        assertThat(thrown).isInstanceOf(IntegrityException.class).hasMessage("Store 'bare' broke the contract adding 'a': it"
                + " returned after reading 5 bytes, before the end of the data; the object at bare://test/a is not verified");
        assertThat(backend.objects).isEmpty();
    }

    @Test
    void aBackendThatMisreportsItsSizeIsRefused() {
        backend.misreportSizeBy = 1;

        assertThatThrownBy(() -> store.add(ObjectId.of("a"), data(), AddOptions.defaults())).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("it reported 6 bytes stored of the 5 it read");
        assertThat(backend.objects).isEmpty();
    }

    @Test
    void aBackendThatCannotDeleteKeepsTheUnverifiedObjectAndTheErrorSaysWhere() {
        BareBackend appendOnly = new BareBackend(EnumSet.of(Capability.READ, Capability.WRITE));
        appendOnly.publishAfter = 2;

        assertThatThrownBy(() -> ContractEnforcingStore.wrap(appendOnly).add(ObjectId.of("a"), data(), AddOptions.defaults()))
                .isInstanceOf(IntegrityException.class).hasMessageEndingWith("the object at bare://test/a is not verified");
        assertThat(appendOnly.objects).containsOnlyKeys("a");
    }

    @Test
    void refusesUndeclaredCapabilitiesAndForeignSchemesBeforeTheBackendIsCalled() throws Exception {
        BareBackend readOnly = new BareBackend(EnumSet.of(Capability.READ));
        Store wrapped = ContractEnforcingStore.wrap(readOnly);
        Location location = BareBackend.location("a");
        Location foreign = Location.of(URI.create("other://test/a"));

        assertThatThrownBy(() -> wrapped.add(ObjectId.of("a"), data(), AddOptions.defaults())).isInstanceOf(NotSupportedException.class)
                .hasMessage("Store 'bare' cannot add a: it lacks the WRITE capability");
        assertThatThrownBy(() -> wrapped.delete(location)).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> wrapped.get(location, ByteRange.of(1, 2))).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> wrapped.get(foreign)).isInstanceOf(InvalidLocationException.class)
                .hasMessage("Store 'bare' does not serve scheme 'other': other://test/a (its schemes: bare)");
        assertThatThrownBy(() -> wrapped.size(foreign)).isInstanceOf(InvalidLocationException.class);
        assertThat(wrapped.owns(foreign)).isFalse();
        assertThat(readOnly.adds).hasValue(0);
        assertThat(readOnly.calls).hasValue(0);
    }

    @Test
    void wrappingTwiceWrapsOnce() {
        assertThat(ContractEnforcingStore.wrap(store)).isSameAs(store);
    }
}
