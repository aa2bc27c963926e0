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
 * How to add one object: what the caller expects of the data (its size, a checksum), the most it
 * accepts, the checksums to compute, metadata for the location and a progress listener. Immutable;
 * made with {@link #builder()} or {@link #defaults()}.
 *
 * <p>A {@link ContractEnforcingStore} enforces every option; a bare backend may read
 * {@link #expectedSize()} as a hint (to choose a data dir, a single PUT or a multipart upload)
 * and leaves the rest to the decorator.
 */
public final class AddOptions {
    private final OptionalLong expectedSize;
    private final Optional<Checksum> expectedChecksum;
    private final OptionalLong sizeLimit;
    private final Set<ChecksumAlgorithm> checksumAlgorithms;
    private final Map<String, String> metadata;
    private final ProgressListener progress;

    private AddOptions(Builder builder) {
        this.expectedSize = builder.expectedSize;
        this.expectedChecksum = builder.expectedChecksum;
        this.sizeLimit = builder.sizeLimit;
        EnumSet<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        algorithms.addAll(builder.checksumAlgorithms);
        expectedChecksum.ifPresent(checksum -> algorithms.add(checksum.algorithm()));
        this.checksumAlgorithms = Collections.unmodifiableSet(algorithms);
        this.metadata = Collections.unmodifiableMap(new TreeMap<>(builder.metadata));
        this.progress = builder.progress;
    }

    /** {@return unknown size, no expectations, SHA-256 only} */
    public static AddOptions defaults() {
        return builder().build();
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the size the caller declares} The add fails with {@link IntegrityException} if the
     * data is longer or shorter; empty when unknown.
     */
    public OptionalLong expectedSize() {
        return expectedSize;
    }

    /** {@return a checksum the data must have} A mismatch fails the add with {@link IntegrityException} and stores nothing. */
    public Optional<Checksum> expectedChecksum() {
        return expectedChecksum;
    }

    /** {@return the most bytes the add accepts} More fails with {@link SizeLimitExceededException}. */
    public OptionalLong sizeLimit() {
        return sizeLimit;
    }

    /** {@return the checksums to compute, including the algorithm of the expected checksum} */
    public Set<ChecksumAlgorithm> checksumAlgorithms() {
        return checksumAlgorithms;
    }

    /** {@return extra entries for the location metadata of the stored object, sorted by key} */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** {@return the listener told of the bytes consumed from the source} */
    public ProgressListener progress() {
        return progress;
    }

    /** {@return a builder holding these options} */
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

    /** {@return the options, without the progress listener} */
    @Override
    public String toString() {
        return "AddOptions[expectedSize=" + expectedSize + ", expectedChecksum=" + expectedChecksum + ", sizeLimit="
                + sizeLimit + ", checksumAlgorithms=" + checksumAlgorithms + ", metadata keys=" + metadata.keySet() + "]";
    }

    /** Builds {@link AddOptions}; starts with unknown size, no expectations and SHA-256. */
    public static final class Builder {
        private OptionalLong expectedSize = OptionalLong.empty();
        private Optional<Checksum> expectedChecksum = Optional.empty();
        private OptionalLong sizeLimit = OptionalLong.empty();
        private Set<ChecksumAlgorithm> checksumAlgorithms = EnumSet.of(ChecksumAlgorithm.SHA256);
        private Map<String, String> metadata = new TreeMap<>();
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /**
         * Declares the size of the data.
         *
         * @param size bytes, not negative
         * @return this builder
         * @throws IllegalArgumentException if the size is negative
         */
        public Builder expectedSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("Expected size must not be negative: " + size);
            }
            this.expectedSize = OptionalLong.of(size);
            return this;
        }

        /**
         * Declares a checksum the data must have; its algorithm is computed too.
         *
         * @param checksum the checksum
         * @return this builder
         */
        public Builder expectedChecksum(Checksum checksum) {
            this.expectedChecksum = Optional.of(requireNonNull(checksum, "checksum is null"));
            return this;
        }

        /**
         * Caps the data.
         *
         * @param bytes the most bytes accepted, not negative
         * @return this builder
         * @throws IllegalArgumentException if the limit is negative
         */
        public Builder sizeLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("Size limit must not be negative: " + bytes);
            }
            this.sizeLimit = OptionalLong.of(bytes);
            return this;
        }

        /**
         * Computes {@code algorithm} too.
         *
         * @param algorithm the algorithm
         * @return this builder
         */
        public Builder checksum(ChecksumAlgorithm algorithm) {
            this.checksumAlgorithms.add(requireNonNull(algorithm, "algorithm is null"));
            return this;
        }

        /**
         * Computes exactly {@code algorithms} (and the algorithm of an expected checksum), without
         * the default SHA-256: a caller that hashes the data itself asks for none, so that no
         * digest is computed that nobody reads.
         *
         * @param algorithms the algorithms
         * @return this builder
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

        /**
         * Adds an entry to the location metadata of the stored object.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            this.metadata.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /**
         * Tells {@code listener} of the bytes consumed from the source.
         *
         * @param listener the listener; called from the adding thread, must be cheap
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = requireNonNull(listener, "listener is null");
            return this;
        }

        /** {@return the options} */
        public AddOptions build() {
            return new AddOptions(this);
        }
    }
}
