package io.stowage.tck.memory;

import io.stowage.InvalidConfigurationException;
import io.stowage.Store;
import io.stowage.StoreProvider;
import java.util.Set;

/**
 * Provides {@link MemoryStore}s: {@code type: memory}, locations {@code memory://<namespace>/<id>}.
 * Registered with {@code META-INF/services/io.stowage.StoreProvider}, so a server project's
 * tests can configure {@code { type: memory }} stores.
 */
public final class MemoryStoreProvider implements StoreProvider<MemoryStoreConfig> {
    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(MemoryStore.SCHEME);
    }

    @Override
    public Class<MemoryStoreConfig> configType() {
        return MemoryStoreConfig.class;
    }

    @Override
    public Store create(String name, MemoryStoreConfig config) throws InvalidConfigurationException {
        String namespace = config.namespace() != null ? config.namespace() : name;
        if (!MemoryStoreConfig.isValidNamespace(namespace)) {
            throw new InvalidConfigurationException("Invalid configuration of store '" + name + "': key 'namespace' is required"
                    + " because the store name is not a valid namespace ([a-z0-9.-], 1 to 63 characters)");
        }
        return new MemoryStore(name, new MemoryStoreConfig(namespace, config.capabilities()));
    }
}
