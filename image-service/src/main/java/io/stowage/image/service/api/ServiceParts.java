package io.stowage.image.service.api;

import static java.util.Objects.requireNonNull;

import io.stowage.core.StoreRegistry;
import io.stowage.image.service.ImageServiceConfig;
import io.stowage.image.service.registry.ImageRegistry;
import java.util.concurrent.Executor;

/** What the API's handlers share: the settings, the registry, the stores and the digest threads. */
record ServiceParts(ImageServiceConfig config, ImageRegistry registry, StoreRegistry stores, Executor digestThreads,
        ImageDocuments documents, Schemas schemas) {
    ServiceParts {
        requireNonNull(config, "config is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(stores, "stores is null");
        requireNonNull(digestThreads, "digestThreads is null");
        requireNonNull(documents, "documents is null");
        requireNonNull(schemas, "schemas is null");
    }
}
