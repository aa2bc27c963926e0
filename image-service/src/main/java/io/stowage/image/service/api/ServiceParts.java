package io.stowage.image.service.api;

import static java.util.Objects.requireNonNull;

import io.stowage.core.StoreRegistry;
import io.stowage.image.service.ImageServiceConfig;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.storage.ImageStores;
import io.stowage.image.service.upload.UploadLeases;
import io.stowage.image.service.upload.UploadRecovery;
import java.util.concurrent.Executor;

/**
 * What the API's handlers share: the settings, the registry, the stores, the digest and import
 * threads, the upload leases and recovery.
 */
record ServiceParts(ImageServiceConfig config, ImageRegistry registry, ImageStores stores, Executor digestThreads,
        Executor importThreads, UploadLeases leases, UploadRecovery recovery, ImageDocuments documents, Schemas schemas) {
    ServiceParts {
        requireNonNull(config, "config is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(stores, "stores is null");
        requireNonNull(digestThreads, "digestThreads is null");
        requireNonNull(importThreads, "importThreads is null");
        requireNonNull(leases, "leases is null");
        requireNonNull(recovery, "recovery is null");
        requireNonNull(documents, "documents is null");
        requireNonNull(schemas, "schemas is null");
    }
}
