package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

/**
 * A store the image service offers for uploads ({@code GET /v2/info/stores}).
 *
 * @param id the name to give an upload ({@code --store})
 * @param description what the service says of it
 */
public record ImageStore(String id, boolean isDefault, boolean readOnly, String description) {
    /** Checks the id and description. */
    public ImageStore {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
    }
}
