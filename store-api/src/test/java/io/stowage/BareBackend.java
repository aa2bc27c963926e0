package io.stowage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written backend for the decorator's tests: objects in a map under {@code bare://test/<id>},
 * doing only a backend's share (reads the source to its end, publishes if absent, no checksums, no
 * metadata but its own {@code backend} entry, no refusals), or breaking it as {@link #publishAfter}
 * and {@link #misreportSizeBy} say.
 */
final class BareBackend implements Store {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger adds = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    private final Set<Capability> capabilities;
    /** Publishes after this many bytes without reading on; negative: reads to the end, as it must. */
    long publishAfter = -1;
    /** Added to the size it reports. */
    long misreportSizeBy;

    BareBackend(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    BareBackend() {
        this(EnumSet.allOf(Capability.class));
    }

    static Location location(String id) {
        return Location.of(URI.create("bare://test/" + id));
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("bare");
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public boolean owns(Location location) {
        return location.uri().getHost() != null && location.uri().getHost().equals("test");
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        adds.incrementAndGet();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (publishAfter < 0 || copy.size() < publishAfter) {
            int n = data.read(buffer, 0, publishAfter < 0 ? buffer.length : (int) Math.min(buffer.length, publishAfter - copy.size()));
            if (n < 0) {
                break;
            }
            copy.write(buffer, 0, n);
        }
        if (objects.putIfAbsent(id.value(), copy.toByteArray()) != null) {
            throw new ObjectAlreadyExistsException("Object already exists: " + location(id.value()));
        }
        return StoredObject.of(id, Location.of(location(id.value()).uri(), Map.of("backend", "own", "tenant", "backend's")),
                copy.size() + misreportSizeBy);
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        calls.incrementAndGet();
        byte[] object = find(location);
        long length = range.lengthWithin(object.length, location);
        return new ObjectStream(new ByteArrayInputStream(object, (int) range.offset(), (int) length), location, object.length,
                range.offset(), length);
    }

    @Override
    public long size(Location location) throws IOException {
        calls.incrementAndGet();
        return find(location).length;
    }

    @Override
    public void delete(Location location) throws IOException {
        calls.incrementAndGet();
        if (objects.remove(idOf(location)) == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    private byte[] find(Location location) throws ObjectNotFoundException {
        byte[] object = objects.get(idOf(location));
        if (object == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
        return object;
    }

    private static String idOf(Location location) {
        return location.uri().getPath().substring(1);
    }
}
