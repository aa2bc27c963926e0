package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to add one object.
 *
 * @param expectedSize the size the caller declares; the add fails with {@link IntegrityException}
 *     if the data is longer or shorter. Empty when unknown.
 * @param expectedChecksum a checksum the data must have; a mismatch fails the add with
 *     {@link IntegrityException} and stores nothing
 * @param sizeLimit the most bytes the add accepts; more fails with {@link SizeLimitExceededException}
 * @param checksumAlgorithms the checksums to compute, and the algorithm of {@code expectedChecksum}
 *     besides; the builder starts with SHA-256, {@link Builder#onlyChecksums} sets exactly the
 *     ones a caller wants (none at all when it hashes the data itself)
 * @param metadata extra entries for the location metadata of the stored object
 * @param progress told of the bytes consumed from the source
 */
public record AddOptions(
        OptionalLong expectedSize,
        Optional<Checksum> expectedChecksum,
        OptionalLong sizeLimit,
        Set<ChecksumAlgorithm> checksumAlgorithms,
        Map<String, String> metadata,
        ProgressListener progress) {

    public AddOptions {
        requireNonNull(expectedSize, "expectedSize is null");
        requireNonNull(expectedChecksum, "expectedChecksum is null");
        requireNonNull(sizeLimit, "sizeLimit is null");
        requireNonNull(checksumAlgorithms, "checksumAlgorithms is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(progress, "progress is null");
        if (expectedSize.isPresent() && expectedSize.getAsLong() < 0) {
            throw new IllegalArgumentException("Expected size must not be negative: " + expectedSize.getAsLong());
        }
        if (sizeLimit.isPresent() && sizeLimit.getAsLong() < 0) {
            throw new IllegalArgumentException("Size limit must not be negative: " + sizeLimit.getAsLong());
        }
        EnumSet<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        algorithms.addAll(checksumAlgorithms);
        expectedChecksum.ifPresent(checksum -> algorithms.add(checksum.algorithm()));
        checksumAlgorithms = Collections.unmodifiableSet(algorithms);
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** Unknown size, no expectations, SHA-256 only. */
    public static AddOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.expectedSize = expectedSize;
        builder.expectedChecksum = expectedChecksum;
        builder.sizeLimit = sizeLimit;
        builder.checksumAlgorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        builder.checksumAlgorithms.addAll(checksumAlgorithms);
        builder.metadata = new TreeMap<>(metadata);
        builder.progress = progress;
        return builder;
    }

    public static final class Builder {
        private OptionalLong expectedSize = OptionalLong.empty();
        private Optional<Checksum> expectedChecksum = Optional.empty();
        private OptionalLong sizeLimit = OptionalLong.empty();
        private Set<ChecksumAlgorithm> checksumAlgorithms = EnumSet.of(ChecksumAlgorithm.SHA256);
        private Map<String, String> metadata = new TreeMap<>();
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        public Builder expectedSize(long size) {
            this.expectedSize = OptionalLong.of(size);
            return this;
        }

        public Builder expectedChecksum(Checksum checksum) {
            this.expectedChecksum = Optional.of(checksum);
            return this;
        }

        public Builder sizeLimit(long bytes) {
            this.sizeLimit = OptionalLong.of(bytes);
            return this;
        }

        /** Computes {@code algorithm} too. */
        public Builder checksum(ChecksumAlgorithm algorithm) {
            this.checksumAlgorithms.add(requireNonNull(algorithm, "algorithm is null"));
            return this;
        }

        /**
         * Computes exactly {@code algorithms} (and the algorithm of an expected checksum), without
         * the default SHA-256: a caller that hashes the data itself asks for none, so that no
         * digest is computed that nobody reads.
         */
        public Builder onlyChecksums(Set<ChecksumAlgorithm> algorithms) {
            requireNonNull(algorithms, "algorithms is null");
            EnumSet<ChecksumAlgorithm> exactly = EnumSet.noneOf(ChecksumAlgorithm.class);
            for (ChecksumAlgorithm algorithm : algorithms) {
                exactly.add(requireNonNull(algorithm, "algorithms holds null"));
            }
            this.checksumAlgorithms = exactly;
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = requireNonNull(listener, "listener is null");
            return this;
        }

        public AddOptions build() {
            return new AddOptions(expectedSize, expectedChecksum, sizeLimit, checksumAlgorithms, metadata, progress);
        }
    }
}
