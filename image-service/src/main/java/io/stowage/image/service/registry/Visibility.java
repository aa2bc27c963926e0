package io.stowage.image.service.registry;

import java.util.Locale;
import java.util.Optional;

/** Who may see an image besides its owner and admins: Glance's four visibilities. */
public enum Visibility {
    /** Everyone, listed for everyone. */
    PUBLIC,
    /** Everyone who knows its id; listed only on request ({@code visibility=community}). */
    COMMUNITY,
    /** The owner, and the members it is shared with (members come with the multi-node issue). */
    SHARED,
    /** The owner only. */
    PRIVATE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> fromId(String id) {
        for (Visibility visibility : values()) {
            if (visibility.id().equals(id)) {
                return Optional.of(visibility);
            }
        }
        return Optional.empty();
    }
}
