package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.ProgressListener;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a downloaded file must be: the expected size and checksum when known (a mismatch is a
 * failure of that candidate), the checksums to report (SHA-256 always) and a progress listener
 * for the fallback copy.
 */
public record DownloadOptions(
        OptionalLong expectedSize,
        Optional<Checksum> expectedChecksum,
        Set<ChecksumAlgorithm> checksumAlgorithms,
        ProgressListener progress) {

    public DownloadOptions {
        requireNonNull(expectedSize, "expectedSize is null");
        requireNonNull(expectedChecksum, "expectedChecksum is null");
        requireNonNull(progress, "progress is null");
        EnumSet<ChecksumAlgorithm> algorithms = EnumSet.of(ChecksumAlgorithm.SHA256);
        algorithms.addAll(requireNonNull(checksumAlgorithms, "checksumAlgorithms is null"));
        expectedChecksum.ifPresent(checksum -> algorithms.add(checksum.algorithm()));
        checksumAlgorithms = Collections.unmodifiableSet(algorithms);
    }

    /** Nothing expected, SHA-256 reported. */
    public static DownloadOptions none() {
        return new DownloadOptions(OptionalLong.empty(), Optional.empty(), Set.of(), ProgressListener.NONE);
    }

    public DownloadOptions withExpectedSize(long size) {
        return new DownloadOptions(OptionalLong.of(size), expectedChecksum, checksumAlgorithms, progress);
    }

    public DownloadOptions withExpectedChecksum(Checksum checksum) {
        return new DownloadOptions(expectedSize, Optional.of(checksum), checksumAlgorithms, progress);
    }

    public DownloadOptions withProgress(ProgressListener listener) {
        return new DownloadOptions(expectedSize, expectedChecksum, checksumAlgorithms, listener);
    }
}
