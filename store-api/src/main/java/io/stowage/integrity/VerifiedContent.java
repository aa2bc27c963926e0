package io.stowage.integrity;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksums;

/** Size and checksums of data that passed a {@link ContentVerifier}. */
public record VerifiedContent(long size, Checksums checksums) {
    public VerifiedContent {
        requireNonNull(checksums, "checksums is null");
    }
}
