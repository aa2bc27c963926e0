package io.stowage.image.service.storage;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.core.StoreInfo;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import io.stowage.image.service.registry.ImageLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured stores as the image service uses them: the one place where the service calls
 * Stowage's store registry, so that the rest of the service speaks image locations and store
 * names only. Failures are the {@link io.stowage.StoreException} family.
 */
public final class ImageStores implements AutoCloseable {
    private final StoreRegistry stores;

    public ImageStores(StoreRegistry stores) {
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** One configured store as the API shows it. */
    public record StoreSummary(String name, String type, boolean isDefault, boolean writable) {
        public StoreSummary {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** The store that takes data when a request names none. */
    public String defaultStore() {
        return stores.defaultStoreName();
    }

    /** The configured stores, sorted by name. */
    public List<StoreSummary> describe() {
        return stores.describe().stream().map(ImageStores::summary).toList();
    }

    /** The store named {@code name}, if one is configured. */
    public Optional<StoreSummary> find(String name) {
        return describe().stream().filter(store -> store.name().equals(name)).findFirst();
    }

    /**
     * Streams {@code data} into {@code store} as {@code objectId}, computing no checksum (the
     * service computes its own digests beside the write).
     *
     * @param expectedSize the declared size, or -1 when unknown
     * @param sizeCap the most bytes the object may have
     */
    public StoredData add(String store, String objectId, InputStream data, long expectedSize, long sizeCap)
            throws IOException {
        AddOptions.Builder options = AddOptions.builder().onlyChecksums(Set.of()).sizeLimit(sizeCap);
        if (expectedSize >= 0) {
            options.expectedSize(expectedSize);
        }
        StoredObject stored = stores.add(store, ObjectId.of(objectId), data, options.build());
        return new StoredData(imageLocation(stored.location()), stored.size());
    }

    /** What an add stored: where, and how many bytes. */
    public record StoredData(ImageLocation location, long size) {
        public StoredData {
            requireNonNull(location, "location is null");
        }
    }

    /** Opens {@code range} of the data at {@code location}. */
    public ObjectStream open(ImageLocation location, ByteRange range) throws IOException {
        return stores.get(location(location), range);
    }

    /** The size of the data at {@code location}. */
    public long size(ImageLocation location) throws IOException {
        return stores.size(location(location));
    }

    /** Removes the data at {@code location}. */
    public void delete(ImageLocation location) throws IOException {
        stores.delete(location(location));
    }

    /** Removes whatever an add of {@code objectId} left in {@code store}, finished or not. */
    public void discard(String store, String objectId) throws IOException {
        stores.discard(store, ObjectId.of(objectId));
    }

    /**
     * The location of {@code url} as {@code store} serves it (its metadata names the store).
     *
     * @throws InvalidLocationException if the URL is not a location, or the store does not serve
     *     it (another scheme, outside its dirs or bucket, a host its rules refuse)
     */
    public ImageLocation locationIn(String store, String url) throws InvalidLocationException {
        Location location = Location.parse(url, Map.of(Location.STORE_KEY, store));
        stores.routeName(location);
        return imageLocation(location);
    }

    /**
     * The name of the store that serves {@code location}, by its metadata or else by scheme and
     * ownership.
     *
     * @throws InvalidLocationException if no configured store serves it, or several could
     */
    public String storeOf(ImageLocation location) throws InvalidLocationException {
        return stores.routeName(location(location));
    }

    /** Whether {@code store} is configured and takes writes. */
    public boolean isWritable(String store) {
        try {
            return stores.store(store).capabilities().contains(Capability.WRITE);
        } catch (InvalidConfigurationException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        stores.close();
    }

    private static Location location(ImageLocation location) throws InvalidLocationException {
        return Location.parse(location.url(), location.metadata());
    }

    private static ImageLocation imageLocation(Location location) {
        return new ImageLocation(location.url(), location.metadata());
    }

    private static StoreSummary summary(StoreInfo info) {
        return new StoreSummary(info.name(), info.type(), info.isDefault(), info.capabilities().contains(Capability.WRITE));
    }
}
