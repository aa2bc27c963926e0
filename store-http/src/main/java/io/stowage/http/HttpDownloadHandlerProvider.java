package io.stowage.http;

import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import java.util.Set;

/**
 * Creates the {@code http}/{@code https} download handler from
 * {@code direct-download.handlers.http}, which takes the same keys as an http store
 * ({@link HttpStoreConfig}).
 */
public final class HttpDownloadHandlerProvider implements DownloadHandlerProvider<HttpStoreConfig> {
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
    public DownloadHandler create(HttpStoreConfig config) throws StoreException {
        return new HttpDownloadHandler(config);
    }
}
