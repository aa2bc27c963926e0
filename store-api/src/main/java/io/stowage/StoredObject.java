package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * What {@link Store#add} stored: the id, the location to keep and read it back by, the size in
 * bytes and the checksums computed while the data streamed through. Immutable.
 *
 * <p>A bare backend returns {@link #of(ObjectId, Location, long)}: the location it wrote and the
 * bytes it stored, without checksums; the {@link ContractEnforcingStore} in front of it adds the
 * checksums it computed and the metadata of the add's options.
 */
public final class StoredObject {
    private final ObjectId id;
    private final Location location;
    private final long size;
    private final Checksums checksums;

    private StoredObject(ObjectId id, Location location, long size, Checksums checksums) {
        this.id = requireNonNull(id, "id is null");
        this.location = requireNonNull(location, "location is null");
        this.checksums = requireNonNull(checksums, "checksums is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.size = size;
    }

    /**
     * What a backend stored, without checksums.
     *
     * @param id the id added
     * @param location where the object is
     * @param size the bytes stored
     * @return the stored object
     * @throws IllegalArgumentException if the size is negative
     */
    public static StoredObject of(ObjectId id, Location location, long size) {
        return new StoredObject(id, location, size, new Checksums(java.util.Map.of()));
    }

    /**
     * This object with {@code values} as its checksums.
     *
     * @param values the checksums computed while the data streamed through
     * @return the new stored object
     */
    public StoredObject withChecksums(Checksums values) {
        return new StoredObject(id, location, size, values);
    }

    /**
     * This object at {@code other}: the same object under a location with more metadata.
     *
     * @param other the location
     * @return the new stored object
     */
    public StoredObject withLocation(Location other) {
        return new StoredObject(id, other, size, checksums);
    }

    /** {@return the id the object was added under} */
    public ObjectId id() {
        return id;
    }

    /** {@return the location to keep and read the object back by} */
    public Location location() {
        return location;
    }

    /** {@return the size of the object in bytes} */
    public long size() {
        return size;
    }

    /** {@return the checksums computed while the data streamed through; none from a bare backend} */
    public Checksums checksums() {
        return checksums;
    }

    /** Stored objects are equal when id, location, size and checksums are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredObject stored && stored.id.equals(id) && stored.location.equals(location)
                && stored.size == size && stored.checksums.equals(checksums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, location, size, checksums);
    }

    /** {@return the id, the redacted location, the size and the checksums} */
    @Override
    public String toString() {
        return "StoredObject[id=" + id + ", location=" + location + ", size=" + size + ", checksums=" + checksums + "]";
    }
}
