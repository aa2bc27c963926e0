package io.stowage;

import static java.util.Objects.requireNonNull;

/**
 * What {@link Store#add} stored: the id, the location to keep and read it back by, the
 * size in bytes and the checksums computed while the data streamed through.
 */
public record StoredObject(ObjectId id, Location location, long size, Checksums checksums) {
    public StoredObject {
        requireNonNull(id, "id is null");
        requireNonNull(location, "location is null");
        requireNonNull(checksums, "checksums is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
