package io.stowage.core;

import io.stowage.InvalidConfigurationException;
import io.stowage.StoreProvider;
import io.stowage.download.DownloadHandlerProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Finds the store and download-handler providers on the classpath with {@link ServiceLoader}. */
public final class Providers {
    private Providers() {}

    /**
     * {@return every {@link StoreProvider} on the classpath, sorted by type}
     *
     * @throws InvalidConfigurationException if one cannot be loaded or two claim one type
     */
    public static List<StoreProvider> storeProviders() throws InvalidConfigurationException {
        return sortedUnique(load(StoreProvider.class), StoreProvider::type, "store");
    }

    /**
     * {@return every {@link DownloadHandlerProvider} on the classpath, sorted by type}
     *
     * @throws InvalidConfigurationException if one cannot be loaded or two claim one type
     */
    public static List<DownloadHandlerProvider> downloadHandlerProviders() throws InvalidConfigurationException {
        return sortedUnique(load(DownloadHandlerProvider.class), DownloadHandlerProvider::type, "download handler");
    }

    private static <T> List<T> load(Class<T> service) throws InvalidConfigurationException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Providers.class.getClassLoader();
        }
        List<T> found = new ArrayList<>();
        try {
            ServiceLoader.load(service, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidConfigurationException("A " + service.getSimpleName() + " on the classpath cannot be loaded: "
                    + e.getMessage());
        }
        return found;
    }

    static <T> List<T> sortedUnique(List<T> providers, Function<T, String> type, String kind) throws InvalidConfigurationException {
        Map<String, T> byType = new HashMap<>();
        for (T provider : providers) {
            T previous = byType.put(type.apply(provider), provider);
            if (previous != null) {
                throw new InvalidConfigurationException("Two " + kind + " providers claim type '" + type.apply(provider) + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        List<T> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(type));
        return List.copyOf(sorted);
    }
}
