package io.stowage.image.service;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreProvider;
import io.stowage.tck.fault.FaultInjectingStore;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.memory.MemoryStoreConfig;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code type: faulty-memory}: a memory store behind the TCK's fault-injecting decorator, so that
 * tests can make a store fail while the service uses it. Each store is kept by its namespace for
 * the test to reach ({@link #store}).
 */
public final class FaultyMemoryStoreProvider implements StoreProvider {
    private static final Map<String, Created> CREATED = new ConcurrentHashMap<>();

    /** A store this provider made: the decorator to inject faults with and the memory store behind it. */
    public record Created(FaultInjectingStore faults, MemoryStore memory) {}

    public static Created store(String namespace) {
        Created created = CREATED.get(namespace);
        if (created == null) {
            throw new IllegalStateException("No faulty-memory store with namespace " + namespace);
        }
        return created;
    }

    @Override
    public String type() {
        return "faulty-memory";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(MemoryStore.SCHEME);
    }

    @Override
    public Store create(String name, Settings settings) throws InvalidConfigurationException {
        MemoryStore memory = new MemoryStore(name, MemoryStoreConfig.from(settings));
        FaultInjectingStore faults = new FaultInjectingStore(memory);
        CREATED.put(memory.namespace(), new Created(faults, memory));
        return faults;
    }
}
