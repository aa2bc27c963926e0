package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksums;
import io.stowage.Location;
import java.util.Optional;

/**
 * A finished download: the candidate that served it (empty when the fallback did), and the
 * verified size and checksums of the target file. Immutable.
 */
public final class DownloadResult {
    private final Optional<Location> source;
    private final long size;
    private final Checksums checksums;

    DownloadResult(Optional<Location> source, long size, Checksums checksums) {
        this.source = requireNonNull(source, "source is null");
        this.size = size;
        this.checksums = requireNonNull(checksums, "checksums is null");
    }

    /** {@return the candidate that served the data, or empty when the fallback did} */
    public Optional<Location> source() {
        return source;
    }

    /** {@return the verified size of the target file} */
    public long size() {
        return size;
    }

    /** {@return the checksums of the target file} */
    public Checksums checksums() {
        return checksums;
    }

    /** {@return whether the fallback served the data} */
    public boolean servedByFallback() {
        return source.isEmpty();
    }

    /** {@return the redacted source, the size and the checksums} */
    @Override
    public String toString() {
        return "DownloadResult[source=" + source.map(Location::toString).orElse("fallback") + ", size=" + size
                + ", checksums=" + checksums + "]";
    }
}
