package io.stowage.cli;

import io.stowage.StoreProvider;
import io.stowage.download.DownloadHandlerProvider;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The provider types on the test classpath, read with {@link ServiceLoader} directly, so that
 * the tests stay right as backends join the command (file, memory from the TCK, http, s3, ...).
 */
final class ClasspathProviders {
    private ClasspathProviders() {}

    @SuppressWarnings("rawtypes")
    static List<String> storeTypes() {
        return ServiceLoader.load(StoreProvider.class).stream().map(provider -> provider.get().type()).sorted().toList();
    }

    @SuppressWarnings("rawtypes")
    static List<String> downloadHandlerTypes() {
        return ServiceLoader.load(DownloadHandlerProvider.class).stream().map(provider -> provider.get().type()).sorted()
                .toList();
    }
}
