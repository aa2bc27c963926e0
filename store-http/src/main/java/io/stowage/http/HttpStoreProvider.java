package io.stowage.http;

import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import java.util.Set;

/** Creates read-only HTTP(S) stores: {@code type: http}, schemes {@code http} and {@code https}. */
public final class HttpStoreProvider implements StoreProvider {
    @Override
    public String type() {
        return "http";
    }

    @Override
    public Set<String> schemes() {
        return HttpStore.SCHEMES;
    }

    /** A store configured by {@link HttpStoreConfig#from}. */
    @Override
    public Store create(String name, Settings settings) throws StoreException {
        return create(name, HttpStoreConfig.from(settings));
    }

    /**
     * A store with {@code config}.
     *
     * @param name the store's name
     * @param config the store's config
     * @return the store
     * @throws StoreException if the config's CA file cannot be read
     */
    public Store create(String name, HttpStoreConfig config) throws StoreException {
        return new HttpStore(name, config);
    }
}
