package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A project a shared image is shared with, and its answer: {@code pending}, {@code accepted} or {@code rejected}. */
public record Member(String imageId, String member, MemberStatus status, Instant createdAt, Instant updatedAt) {
    public Member {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(member, "member is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
