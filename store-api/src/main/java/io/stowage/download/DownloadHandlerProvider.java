package io.stowage.download;

import io.stowage.StoreException;
import java.util.Set;

/**
 * Creates {@link DownloadHandler}s of one type from their typed config. Found with
 * {@link java.util.ServiceLoader}: list it in
 * {@code META-INF/services/io.stowage.download.DownloadHandlerProvider}. The config comes
 * from {@code direct-download.handlers.<type>} (an empty mapping when absent) and is bound
 * as strictly as store configs are.
 *
 * @param <C> the config record
 */
public interface DownloadHandlerProvider<C> {
    /** The key under {@code direct-download.handlers}, e.g. {@code file}. */
    String type();

    /** The lower-case schemes the handlers serve. */
    Set<String> schemes();

    Class<C> configType();

    /** Creates the handler; invalid settings are {@link io.stowage.InvalidConfigurationException}s naming the key. */
    DownloadHandler create(C config) throws StoreException;
}
