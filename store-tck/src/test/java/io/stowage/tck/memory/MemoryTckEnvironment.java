package io.stowage.tck.memory;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The memory store as the TCK sees it: one in-memory backend, every store the environment
 * creates an instance over it ({@link MemoryStore#sharingObjects}), optionally behind a
 * decorator (the self-test's broken backends) and declaring secrets.
 */
public final class MemoryTckEnvironment implements StoreTckEnvironment {
    private final StoreProfile profile;
    private final Set<Capability> backendCapabilities;
    private final Function<MemoryStore, Store> decorator;
    private final Set<String> secrets;
    private final Map<Store, MemoryStore> behind = Collections.synchronizedMap(new IdentityHashMap<>());
    private MemoryStore backend;

    public MemoryTckEnvironment() {
        this(StoreProfile.READ_WRITE);
    }

    public MemoryTckEnvironment(StoreProfile profile) {
        this(profile, store -> store);
    }

    public MemoryTckEnvironment(StoreProfile profile, Function<MemoryStore, Store> decorator) {
        this(profile, profile.capabilities(), decorator, Set.of());
    }

    /**
     * @param profile what the environment declares
     * @param backendCapabilities what the memory store behind the decorator is configured with
     * @param secrets what the environment declares as the store's credentials
     */
    public MemoryTckEnvironment(StoreProfile profile, Set<Capability> backendCapabilities,
            Function<MemoryStore, Store> decorator, Set<String> secrets) {
        this.profile = requireNonNull(profile, "profile is null");
        this.backendCapabilities = Set.copyOf(backendCapabilities);
        this.decorator = requireNonNull(decorator, "decorator is null");
        this.secrets = Set.copyOf(secrets);
    }

    @Override
    public synchronized Store createStore() {
        MemoryStore memory = backend == null
                ? (backend = new MemoryStore("tck", MemoryStoreConfig.of("tck-memory", backendCapabilities)))
                : backend.sharingObjects("tck-" + (behind.size() + 1));
        Store store = decorator.apply(memory);
        behind.put(store, memory);
        return store;
    }

    @Override
    public StoreProfile profile() {
        return profile;
    }

    @Override
    public void assertEmpty(Store store) {
        assertThat(memory(store).ids()).as("objects left in the memory store").isEmpty();
    }

    @Override
    public long openResources(Store store) {
        return memory(store).openStreams();
    }

    @Override
    public Set<String> secrets() {
        return secrets;
    }

    @Override
    public long backendHeapBytes(Store store) {
        return memory(store).bytesHeld();
    }

    /** The memory store holds no buffer of its own: 8 MiB tells a streamed object from a buffered one. */
    @Override
    public long boundedMemorySize() {
        return 8L * 1024 * 1024;
    }

    @Override
    public Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        return memory(store).seed(id, data, AddOptions.builder().expectedSize(size).build()).location();
    }

    @Override
    public void remove(Store store, Location location) throws Exception {
        memory(store).unseed(location);
    }

    private MemoryStore memory(Store store) {
        return requireNonNull(behind.get(store), "not a store of this environment");
    }
}
