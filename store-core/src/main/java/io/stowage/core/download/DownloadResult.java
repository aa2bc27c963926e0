package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksums;
import io.stowage.Location;
import java.util.Optional;

/**
 * A finished download: the candidate that served it (empty when the fallback did), and the
 * verified size and checksums of the target file.
 */
public record DownloadResult(Optional<Location> source, long size, Checksums checksums) {
    public DownloadResult {
        requireNonNull(source, "source is null");
        requireNonNull(checksums, "checksums is null");
    }

    public boolean servedByFallback() {
        return source.isEmpty();
    }
}
