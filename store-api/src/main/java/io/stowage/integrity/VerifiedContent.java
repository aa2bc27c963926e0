package io.stowage.integrity;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksums;

/** Size and checksums of data that passed a {@link ContentVerifier}. Immutable. */
public final class VerifiedContent {
    private final long size;
    private final Checksums checksums;

    VerifiedContent(long size, Checksums checksums) {
        this.size = size;
        this.checksums = requireNonNull(checksums, "checksums is null");
    }

    /** {@return the bytes that passed} */
    public long size() {
        return size;
    }

    /** {@return the checksums computed over them} */
    public Checksums checksums() {
        return checksums;
    }

    /** {@return the size and the checksums} */
    @Override
    public String toString() {
        return "VerifiedContent[size=" + size + ", checksums=" + checksums + "]";
    }
}
