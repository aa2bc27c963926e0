package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.ProgressListener;
import io.stowage.integrity.ContentExpectation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a downloaded file must be: the expected size and checksum when known (a mismatch is a
 * failure of that candidate), the checksums to report (SHA-256 always, and the algorithm of the
 * expected checksum) and a progress listener for the fallback copy. Immutable: start from
 * {@link #none()} and add with the {@code with...} methods.
 */
public final class DownloadOptions {
    private static final DownloadOptions NONE = new DownloadOptions(OptionalLong.empty(), Optional.empty(),
            Set.of(), ProgressListener.NONE);

    private final OptionalLong expectedSize;
    private final Optional<Checksum> expectedChecksum;
    private final Set<ChecksumAlgorithm> checksumAlgorithms;
    private final ProgressListener progress;

    private DownloadOptions(OptionalLong expectedSize, Optional<Checksum> expectedChecksum,
            Set<ChecksumAlgorithm> checksumAlgorithms, ProgressListener progress) {
        this.expectedSize = expectedSize;
        this.expectedChecksum = expectedChecksum;
        this.progress = progress;
        EnumSet<ChecksumAlgorithm> algorithms = EnumSet.of(ChecksumAlgorithm.SHA256);
        algorithms.addAll(checksumAlgorithms);
        expectedChecksum.ifPresent(checksum -> algorithms.add(checksum.algorithm()));
        this.checksumAlgorithms = Collections.unmodifiableSet(algorithms);
    }

    /** {@return nothing expected, SHA-256 reported} */
    public static DownloadOptions none() {
        return NONE;
    }

    /**
     * These options expecting {@code size} bytes.
     *
     * @param size the size the file must have, not negative
     * @return the new options
     * @throws IllegalArgumentException if the size is negative
     */
    public DownloadOptions withExpectedSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("Expected size must not be negative: " + size);
        }
        return new DownloadOptions(OptionalLong.of(size), expectedChecksum, checksumAlgorithms, progress);
    }

    /**
     * These options expecting {@code checksum}, whose algorithm is reported too.
     *
     * @param checksum the checksum the file must have
     * @return the new options
     */
    public DownloadOptions withExpectedChecksum(Checksum checksum) {
        return new DownloadOptions(expectedSize, Optional.of(requireNonNull(checksum, "checksum is null")),
                checksumAlgorithms, progress);
    }

    /**
     * These options reporting {@code algorithm} too.
     *
     * @param algorithm a checksum to compute and report
     * @return the new options
     */
    public DownloadOptions withChecksum(ChecksumAlgorithm algorithm) {
        EnumSet<ChecksumAlgorithm> algorithms = EnumSet.copyOf(checksumAlgorithms);
        algorithms.add(requireNonNull(algorithm, "algorithm is null"));
        return new DownloadOptions(expectedSize, expectedChecksum, algorithms, progress);
    }

    /**
     * These options telling {@code listener} of the bytes the fallback copied.
     *
     * @param listener the listener
     * @return the new options
     */
    public DownloadOptions withProgress(ProgressListener listener) {
        return new DownloadOptions(expectedSize, expectedChecksum, checksumAlgorithms,
                requireNonNull(listener, "listener is null"));
    }

    /** {@return the size the file must have, when known} */
    public OptionalLong expectedSize() {
        return expectedSize;
    }

    /** {@return the checksum the file must have, when known} */
    public Optional<Checksum> expectedChecksum() {
        return expectedChecksum;
    }

    /** {@return the checksums computed and reported: SHA-256, the expected checksum's and those asked for} */
    public Set<ChecksumAlgorithm> checksumAlgorithms() {
        return checksumAlgorithms;
    }

    /** {@return the listener of the fallback copy} */
    public ProgressListener progress() {
        return progress;
    }

    /**
     * What a copy must be, as a handler verifies it: the expected size and checksum, and the
     * checksums to report.
     *
     * @return the expectation these options describe
     */
    public ContentExpectation expectation() {
        ContentExpectation.Builder expectation = ContentExpectation.builder().algorithms(checksumAlgorithms);
        expectedSize.ifPresent(expectation::size);
        expectedChecksum.ifPresent(expectation::checksum);
        return expectation.build();
    }

    /** {@return the expectations and the checksums, without the listener} */
    @Override
    public String toString() {
        return "DownloadOptions[expectedSize=" + expectedSize + ", expectedChecksum=" + expectedChecksum
                + ", checksumAlgorithms=" + checksumAlgorithms + "]";
    }
}
