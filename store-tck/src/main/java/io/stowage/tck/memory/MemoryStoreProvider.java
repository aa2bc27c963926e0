package io.stowage.tck.memory;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreProvider;
import java.util.Set;

/**
 * Provides {@link MemoryStore}s: {@code type: memory}, locations {@code memory://<namespace>/<id>}.
 * Registered with {@code META-INF/services/io.stowage.StoreProvider}, so a server project's
 * tests can configure {@code { type: memory }} stores.
 */
public final class MemoryStoreProvider implements StoreProvider {
    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(MemoryStore.SCHEME);
    }

    /** A store configured by {@link MemoryStoreConfig#from}. */
    @Override
    public Store create(String name, Settings settings) throws InvalidConfigurationException {
        MemoryStoreConfig config = MemoryStoreConfig.from(settings);
        String namespace = config.namespace().orElse(name);
        if (!MemoryStoreConfig.isValidNamespace(namespace)) {
            throw new InvalidConfigurationException("Invalid configuration of store '" + name + "': key 'namespace' is required"
                    + " because the store name is not a valid namespace ([a-z0-9.-], 1 to 63 characters)");
        }
        return new MemoryStore(name, MemoryStoreConfig.of(namespace, config.capabilities()));
    }
}
