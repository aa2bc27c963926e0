package io.stowage.image.service.registry;

import java.util.Locale;
import java.util.Optional;

/** A member's answer to an image shared with it; only {@code accepted} images are listed for it by default. */
public enum MemberStatus {
    PENDING, ACCEPTED, REJECTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MemberStatus> fromId(String id) {
        for (MemberStatus status : values()) {
            if (status.id().equals(id)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
