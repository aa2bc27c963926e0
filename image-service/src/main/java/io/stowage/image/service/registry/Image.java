package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One image as the registry holds it.
 *
 * @param owner the project that owns it; empty for images created without authentication
 * @param data what its upload stored; present exactly when it is {@code active} or {@code deactivated}
 * @param version counts every change; attribute updates are conditional on it
 */
public record Image(
        String id,
        Optional<String> owner,
        ImageStatus status,
        ImageAttributes attributes,
        Optional<ImageData> data,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Image {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(status, "status is null");
        requireNonNull(attributes, "attributes is null");
        requireNonNull(data, "data is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** Whether {@code project} owns this image. */
    public boolean isOwnedBy(Optional<String> project) {
        return project.isPresent() && owner.equals(project);
    }
}
