package io.stowage.integrity;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.ProgressListener;
import io.stowage.SizeLimitExceededException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What data must be to pass: its size and a checksum when they are known, and the checksums to
 * compute on the way. A {@link io.stowage.download.DownloadHandler} verifies its copy against one
 * ({@link #verifier}), and one that learns the object's size before copying refuses a wrong size at
 * once ({@link #checkSize}) instead of copying it first. Immutable.
 */
public final class ContentExpectation {
    private static final ContentExpectation NONE = builder().build();

    private final OptionalLong size;
    private final Optional<Checksum> checksum;
    private final Set<ChecksumAlgorithm> algorithms;

    private ContentExpectation(Builder builder) {
        this.size = builder.size;
        this.checksum = builder.checksum;
        EnumSet<ChecksumAlgorithm> all = EnumSet.noneOf(ChecksumAlgorithm.class);
        all.addAll(builder.algorithms);
        builder.checksum.ifPresent(expected -> all.add(expected.algorithm()));
        this.algorithms = Collections.unmodifiableSet(all);
    }

    /** {@return nothing expected and nothing computed: any data passes} */
    public static ContentExpectation none() {
        return NONE;
    }

    /** {@return a builder with nothing expected yet} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the size the data must have, when known} */
    public OptionalLong size() {
        return size;
    }

    /** {@return the checksum the data must have, when known} */
    public Optional<Checksum> checksum() {
        return checksum;
    }

    /** {@return the checksums a {@link #verifier} computes: those asked for and the expected checksum's algorithm} */
    public Set<ChecksumAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * Refuses data of {@code actualSize} bytes when a size is expected and differs, before any of it
     * is read.
     *
     * @param actualSize the size the data has
     * @param subject the data, for the message: a redacted location, "object 'abc'"
     * @throws IntegrityException naming the subject and both sizes
     */
    public void checkSize(long actualSize, String subject) throws IntegrityException {
        requireNonNull(subject, "subject is null");
        if (size.isPresent() && size.getAsLong() != actualSize) {
            throw new IntegrityException("The data of " + subject + " has " + actualSize + " bytes, not the expected "
                    + size.getAsLong());
        }
    }

    /**
     * A verifier that checks data against this expectation as it streams past (see {@link ContentVerifier}).
     *
     * @param subject the data, for messages: a redacted location, "object 'abc'"
     * @param progress told of the bytes that pass
     * @return a new verifier
     */
    public ContentVerifier verifier(String subject, ProgressListener progress) {
        try {
            return ContentVerifier.of(subject, size, checksum, OptionalLong.empty(), algorithms, progress);
        } catch (SizeLimitExceededException e) {
            throw new IllegalStateException("A verifier without a size limit refused a size", e);
        }
    }

    @Override
    public String toString() {
        return "ContentExpectation[size=" + (size.isPresent() ? Long.toString(size.getAsLong()) : "unknown")
                + ", checksum=" + checksum.map(Checksum::toString).orElse("unknown") + ", algorithms=" + algorithms + "]";
    }

    /** Builds a {@link ContentExpectation}; every setting is optional. */
    public static final class Builder {
        private OptionalLong size = OptionalLong.empty();
        private Optional<Checksum> checksum = Optional.empty();
        private Set<ChecksumAlgorithm> algorithms = Set.of();

        private Builder() {}

        /**
         * The size the data must have.
         *
         * @param bytes the size in bytes
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder size(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("An expected size cannot be negative: " + bytes);
            }
            this.size = OptionalLong.of(bytes);
            return this;
        }

        /**
         * The checksum the data must have; its algorithm is computed too.
         *
         * @param expected the checksum
         * @return this builder
         */
        public Builder checksum(Checksum expected) {
            this.checksum = Optional.of(requireNonNull(expected, "expected is null"));
            return this;
        }

        /**
         * Checksums to compute and report besides the expected one.
         *
         * @param computed the algorithms
         * @return this builder
         */
        public Builder algorithms(Set<ChecksumAlgorithm> computed) {
            this.algorithms = Set.copyOf(requireNonNull(computed, "computed is null"));
            return this;
        }

        /** {@return the expectation} */
        public ContentExpectation build() {
            return new ContentExpectation(this);
        }
    }
}
