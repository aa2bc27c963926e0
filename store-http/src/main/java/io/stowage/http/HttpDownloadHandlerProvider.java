package io.stowage.http;

import io.stowage.Settings;
import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import java.util.Set;

/**
 * Creates the {@code http}/{@code https} download handler from
 * {@code direct-download.handlers.http}, which takes the same keys as an http store
 * ({@link HttpStoreConfig}).
 */
public final class HttpDownloadHandlerProvider implements DownloadHandlerProvider {
    @Override
    public String type() {
        return "http";
    }

    @Override
    public Set<String> schemes() {
        return HttpStore.SCHEMES;
    }

    /** A handler configured by {@link HttpStoreConfig#from}. */
    @Override
    public DownloadHandler create(Settings settings) throws StoreException {
        return create(HttpStoreConfig.from(settings));
    }

    /**
     * A handler with {@code config}.
     *
     * @param config the handler's config
     * @return the handler
     * @throws StoreException if the config's CA file cannot be read
     */
    public DownloadHandler create(HttpStoreConfig config) throws StoreException {
        return new HttpDownloadHandler(config);
    }
}
