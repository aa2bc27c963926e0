package io.stowage.tck.memory;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.tck.StoreTckEnvironment;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The memory store as the TCK sees it, optionally with fewer capabilities and behind a
 * decorator (the self-test's broken backends).
 */
public final class MemoryTckEnvironment implements StoreTckEnvironment {
    private final Set<Capability> capabilities;
    private final Set<Capability> backendCapabilities;
    private final Function<MemoryStore, Store> decorator;
    private final Map<Store, MemoryStore> behind = Collections.synchronizedMap(new IdentityHashMap<>());

    public MemoryTckEnvironment() {
        this(Set.of(Capability.values()));
    }

    public MemoryTckEnvironment(Set<Capability> capabilities) {
        this(capabilities, store -> store);
    }

    public MemoryTckEnvironment(Set<Capability> capabilities, Function<MemoryStore, Store> decorator) {
        this(capabilities, capabilities, decorator);
    }

    /**
     * @param capabilities what the environment says the server supports
     * @param backendCapabilities what the memory store behind the decorator is configured with
     */
    public MemoryTckEnvironment(Set<Capability> capabilities, Set<Capability> backendCapabilities,
            Function<MemoryStore, Store> decorator) {
        this.capabilities = Set.copyOf(capabilities);
        this.backendCapabilities = Set.copyOf(backendCapabilities);
        this.decorator = requireNonNull(decorator, "decorator is null");
    }

    @Override
    public Store createStore() {
        MemoryStore memory = new MemoryStore("tck", new MemoryStoreConfig("tck-memory", backendCapabilities));
        Store store = decorator.apply(memory);
        behind.put(store, memory);
        return store;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public void assertEmpty(Store store) {
        MemoryStore memory = memory(store);
        assertThat(memory.ids()).as("objects left in the memory store").isEmpty();
        assertThat(memory.openStreams()).as("streams of the memory store not closed").isZero();
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
