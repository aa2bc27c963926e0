package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The data an upload stored: its size, its MD5 {@code checksum} (the legacy Glance one), the
 * {@code os_hash} pair, and where it lives.
 */
public record ImageData(long size, String checksum, String hashAlgorithm, String hashValue, List<ImageLocation> locations) {
    public ImageData {
        requireNonNull(checksum, "checksum is null");
        requireNonNull(hashAlgorithm, "hashAlgorithm is null");
        requireNonNull(hashValue, "hashValue is null");
        locations = List.copyOf(requireNonNull(locations, "locations is null"));
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("image data needs a location");
        }
    }
}
