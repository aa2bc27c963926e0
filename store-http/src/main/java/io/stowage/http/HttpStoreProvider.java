package io.stowage.http;

import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import java.util.Set;

/** Creates read-only HTTP(S) stores: {@code type: http}, schemes {@code http} and {@code https}. */
public final class HttpStoreProvider implements StoreProvider<HttpStoreConfig> {
    @Override
    public String type() {
        return "http";
    }

    @Override
    public Set<String> schemes() {
        return HttpStore.SCHEMES;
    }

    @Override
    public Class<HttpStoreConfig> configType() {
        return HttpStoreConfig.class;
    }

    @Override
    public Store create(String name, HttpStoreConfig config) throws StoreException {
        return new HttpStore(name, config);
    }
}
