package io.stowage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.NotSupportedException;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreProvider;
import io.stowage.StoredObject;
import io.stowage.UnknownSchemeException;
import io.stowage.core.config.StowageConfig;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreRegistryTest {
    private static final List<StoreProvider> PROVIDERS = List.of(new ScratchStore.Provider());

    private static StoreRegistry build(String yaml) throws Exception {
        return StoreRegistry.build(StowageConfig.parse(yaml, Map.<String, String>of()::get), PROVIDERS);
    }

    private static StoreRegistry twoStores() throws Exception {
        return build("""
                default: a
                stores:
                  a: { type: scratch, bucket: one }
                  b: { type: scratch, bucket: two }
                  ro: { type: scratch, bucket: three, readOnly: true }
                """);
    }

    @Test
    void addsToTheDefaultStoreAndRoutesBackByMetadata() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            StoredObject stored = stores.add(ObjectId.of("x"), new ByteArrayInputStream(new byte[] {1, 2, 3}), AddOptions.defaults());

            assertThat(stored.location().url()).isEqualTo("scratch://one/x");
            assertThat(stored.location().storeName()).contains("a");
            assertThat(stores.routeName(stored.location())).isEqualTo("a");
            assertThat(stores.size(stored.location())).isEqualTo(3);
            try (ObjectStream in = stores.get(stored.location(), ByteRange.from(1))) {
                assertThat(in.readAllBytes()).containsExactly(2, 3);
            }
        }
    }

    @Test
    void routesBySchemeAndOwnershipWithoutMetadata() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            stores.add("b", ObjectId.of("y"), new ByteArrayInputStream(new byte[1]), AddOptions.defaults());

            assertThat(stores.routeName(Location.parse("scratch://two/y"))).isEqualTo("b");
            assertThat(stores.size(Location.parse("scratch://two/y"))).isEqualTo(1);
        }
    }

    @Test
    void unknownSchemeListsTheRegisteredOnes() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            assertThatThrownBy(() -> stores.get(Location.parse("ftp://host/x")))
                    .isInstanceOf(UnknownSchemeException.class)
                    .hasMessage("No store serves scheme 'ftp' of ftp://host/x (registered schemes: scratch)");
        }
    }

    @Test
    void aLocationNoStoreOwnsIsRefused() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            assertThatThrownBy(() -> stores.delete(Location.parse("scratch://elsewhere/x")))
                    .isInstanceOf(InvalidLocationException.class)
                    .hasMessage("Location scratch://elsewhere/x is refused: it is outside every configured scratch store (a, b, ro)");
        }
    }

    @Test
    void metadataNamingAnotherStoreIsRefused() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            Location forged = Location.parse("scratch://one/x", Map.of("store", "b"));
            assertThatThrownBy(() -> stores.get(forged))
                    .isInstanceOf(InvalidLocationException.class)
                    .hasMessage("Location scratch://one/x is refused: it is not inside store 'b'");
            assertThatThrownBy(() -> stores.get(Location.parse("scratch://one/x", Map.of("store", "zz"))))
                    .isInstanceOf(InvalidLocationException.class)
                    .hasMessageContaining("names store 'zz', which is not configured (stores: a, b, ro)");
        }
    }

    @Test
    void ambiguousOwnershipFails() throws Exception {
        try (StoreRegistry stores = build("""
                default: a
                stores:
                  a: { type: scratch, bucket: same }
                  b: { type: scratch, bucket: same }
                """)) {
            assertThatThrownBy(() -> stores.size(Location.parse("scratch://same/x")))
                    .isInstanceOf(InvalidLocationException.class)
                    .hasMessageContaining("is ambiguous: stores a, b all own it");
        }
    }

    @Test
    void capabilitiesAreEnforcedWhateverTheStoreDoes() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            assertThatThrownBy(() -> stores.add("ro", ObjectId.of("x"), new ByteArrayInputStream(new byte[1]), AddOptions.defaults()))
                    .isInstanceOf(NotSupportedException.class)
                    .hasMessage("Store 'ro' cannot add x: it lacks the WRITE capability");
            assertThatThrownBy(() -> stores.get(Location.parse("scratch://three/x"), ByteRange.of(1, 1)))
                    .isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("lacks the RANGE_READ capability");
            assertThatThrownBy(() -> stores.delete(Location.parse("scratch://three/x")))
                    .isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("lacks the DELETE capability");
        }
    }

    @Test
    void describesTheStores() throws Exception {
        try (StoreRegistry stores = twoStores()) {
            assertThat(stores.describe()).extracting(StoreInfo::name, StoreInfo::type, StoreInfo::isDefault)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a", "scratch", true),
                            org.assertj.core.groups.Tuple.tuple("b", "scratch", false),
                            org.assertj.core.groups.Tuple.tuple("ro", "scratch", false));
            assertThat(stores.describe().get(2).capabilities()).containsExactly(Capability.READ);
            assertThatThrownBy(() -> stores.store("nope"))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("No store named 'nope' is configured (stores: a, b, ro)");
        }
    }

    @Test
    void configurationErrorsNameTheStoreAndKey() {
        assertThatThrownBy(() -> build("stores: {a: {type: nosuch}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'a': unknown type 'nosuch' (available types: scratch)");
        assertThatThrownBy(() -> build("stores: {a: {bucket: x}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'a': key 'type' is missing (available types: scratch)");
        assertThatThrownBy(() -> build("stores: {a: {type: scratch, bucket: x, colour: red}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'a': unknown key 'colour' (known keys: bucket, readOnly)");
        assertThatThrownBy(() -> build("stores: {a: {type: scratch}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'a': key 'bucket' is required");
        assertThatThrownBy(() -> build("stores: {a: {type: scratch, buckett: x}}"))
                .as("a misspelt required key is named as unknown")
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'a': unknown key 'buckett' (known keys: bucket, readOnly)");
        assertThatThrownBy(() -> build("stores: {a: {type: scratch, bucket: x, readOnly: [1]}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'a': key 'readOnly' expects true or false");
        assertThatThrownBy(() -> build("stores: {a: {type: scratch, bucket: x}, b: {type: scratch, bucket: y}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("name the default one with 'default'");
        assertThatThrownBy(() -> build("default: c\nstores: {a: {type: scratch, bucket: x}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: the default store 'c' is not configured (stores: a)");
    }

    @Test
    void closesEveryStore() throws Exception {
        ScratchStore.Provider provider = new ScratchStore.Provider();
        StoreRegistry stores = StoreRegistry.build(StowageConfig.parse(
                "default: a\nstores: {a: {type: scratch, bucket: x}, b: {type: scratch, bucket: y}}", Map.<String, String>of()::get),
                List.of(provider));

        stores.close();

        assertThat(provider.created).hasSize(2).allMatch(store -> store.closed);
    }

    @Test
    void closesTheStoresBuiltBeforeAConfigurationError() {
        ScratchStore.Provider provider = new ScratchStore.Provider();

        assertThatThrownBy(() -> StoreRegistry.build(StowageConfig.parse(
                "default: a\nstores: {a: {type: scratch, bucket: x}, b: {type: scratch}}", Map.<String, String>of()::get),
                List.of(provider))).isInstanceOf(InvalidConfigurationException.class);
        assertThat(provider.created).hasSize(1).allMatch(store -> store.closed);
    }
}
