package io.stowage.bench;

import io.stowage.core.StoreRegistry;
import io.stowage.StoreException;
import io.stowage.core.config.StowageConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The registries the scenarios measure, built from config trees as an application would. */
final class StowageConfigs {
    static final String STORE = "bench";

    private StowageConfigs() {}

    /** One file store named {@value #STORE} over {@code dir}. */
    static Map<String, Object> fileStore(Path dir) {
        return Map.of("stores", Map.of(STORE, Map.of("type", "file", "dirs", List.of(dir.toString()))));
    }

    /**
     * One http store named {@value #STORE} with its defaults, but allowed to reach {@code origin}
     * (our nginx on loopback, which the default host rules refuse).
     */
    static Map<String, Object> httpStore(URI origin) {
        return Map.of("stores", Map.of(STORE, Map.of("type", "http",
                "allowedHosts", List.of(origin.getHost() + ":" + origin.getPort()))));
    }

    static StoreRegistry build(Map<String, Object> tree) throws StoreException {
        return StoreRegistry.build(StowageConfig.fromTree(tree, System::getenv));
    }
}
