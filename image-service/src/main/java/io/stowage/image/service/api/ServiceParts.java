package io.stowage.image.service.api;

import static java.util.Objects.requireNonNull;

import io.stowage.image.service.ImageServiceConfig;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.storage.ImageStores;
import io.stowage.image.service.upload.UploadLeases;
import java.util.concurrent.Executor;

/** What the API's handlers share: the settings, the registry, the stores, the digest threads and the upload leases. */
record ServiceParts(ImageServiceConfig config, ImageRegistry registry, ImageStores stores, Executor digestThreads,
        UploadLeases leases, ImageDocuments documents, Schemas schemas) {
    ServiceParts {
        requireNonNull(config, "config is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(stores, "stores is null");
        requireNonNull(digestThreads, "digestThreads is null");
        requireNonNull(leases, "leases is null");
        requireNonNull(documents, "documents is null");
        requireNonNull(schemas, "schemas is null");
    }
}
