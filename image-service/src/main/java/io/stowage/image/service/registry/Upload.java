package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One upload that holds an image in {@code saving}: the object it writes (a fresh id per
 * attempt, {@code <image id>.<upload id>}), in which store, for which owner, and the image
 * status a failure leaves ({@code queued} for v2, {@code killed} for v1).
 */
public record Upload(String uploadId, String imageId, String store, String objectId, Optional<String> owner,
        ImageStatus failedStatus) {
    public Upload {
        requireNonNull(uploadId, "uploadId is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(store, "store is null");
        requireNonNull(objectId, "objectId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(failedStatus, "failedStatus is null");
    }
}
