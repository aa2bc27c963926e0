package io.stowage.core;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreProvider;
import io.stowage.StoredObject;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny in-memory store for the registry tests of store-api (the reference memory store
 * lives in store-tck, which depends on this module). Its locations are
 * {@code scratch://<bucket>/<id>}; it owns those of its bucket.
 */
final class ScratchStore implements Store {
    static final class Provider implements StoreProvider {
        final java.util.List<ScratchStore> created = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String type() {
            return "scratch";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("scratch");
        }

        @Override
        public Store create(String name, Settings settings) throws InvalidConfigurationException {
            settings.checkKeys("bucket", "readOnly");
            String bucket = settings.requiredString("bucket");
            ScratchStore store = new ScratchStore(name, bucket, settings.flag("readOnly").orElse(false));
            created.add(store);
            return store;
        }
    }

    private final String name;
    private final String bucket;
    private final boolean readOnly;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    boolean closed;

    ScratchStore(String name, String bucket, boolean readOnly) {
        this.name = name;
        this.bucket = bucket;
        this.readOnly = readOnly;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("scratch");
    }

    @Override
    public Set<Capability> capabilities() {
        return readOnly ? EnumSet.of(Capability.READ) : EnumSet.allOf(Capability.class);
    }

    @Override
    public boolean owns(Location location) {
        return location.scheme().equals("scratch") && bucket.equals(location.uri().getAuthority());
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(data, ContentVerifier.forAdd(id, options));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        if (objects.putIfAbsent(id.value(), bytes.toByteArray()) != null) {
            throw new ObjectAlreadyExistsException("Object already exists: " + id);
        }
        return StoredObject.of(id, locationOf(id.value()), in.result().size()).withChecksums(in.result().checksums());
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        byte[] data = data(location);
        long length = range.lengthWithin(data.length, location);
        return new ObjectStream(new ByteArrayInputStream(data, (int) range.offset(), (int) length), location,
                data.length, range.offset(), length);
    }

    @Override
    public long size(Location location) throws IOException {
        return data(location).length;
    }

    @Override
    public void delete(Location location) throws IOException {
        if (objects.remove(location.uri().getPath().substring(1)) == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    Location locationOf(String id) {
        return Location.of(URI.create("scratch://" + bucket + "/" + id));
    }

    private byte[] data(Location location) throws ObjectNotFoundException {
        byte[] data = objects.get(location.uri().getPath().substring(1));
        if (data == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
        return data;
    }
}
