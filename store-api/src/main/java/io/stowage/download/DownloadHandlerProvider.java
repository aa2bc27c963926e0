package io.stowage.download;

import io.stowage.Settings;
import io.stowage.StoreException;
import java.util.Set;

/**
 * Creates {@link DownloadHandler}s of one type from their settings. Found with
 * {@link java.util.ServiceLoader}: list it in
 * {@code META-INF/services/io.stowage.download.DownloadHandlerProvider}. The settings come from
 * {@code direct-download.handlers.<type>} (empty when absent) and are read as strictly as a
 * store's (see {@link io.stowage.StoreProvider}).
 */
public interface DownloadHandlerProvider {
    /**
     * The key under {@code direct-download.handlers}.
     *
     * @return the type, e.g. {@code file}
     */
    String type();

    /**
     * The schemes the handlers serve.
     *
     * @return the lower-case schemes
     */
    Set<String> schemes();

    /**
     * Creates the handler; invalid settings are {@link io.stowage.InvalidConfigurationException}s
     * naming the key.
     *
     * @param settings the handler's settings
     * @return the handler
     * @throws StoreException if the handler cannot be created
     */
    DownloadHandler create(Settings settings) throws StoreException;
}
