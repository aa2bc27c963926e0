package io.stowage.tck.memory;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference backend: objects held in memory, locations {@code memory://<namespace>/<id>}.
 * It keeps every rule a backend keeps — and only those: it reads its source to the end, publishes
 * if absent, reads ranges, and leaves checksums, verification, metadata and the refusal of what it
 * does not declare to the {@link io.stowage.ContractEnforcingStore} in front of it — and, wrapped,
 * is the oracle the TCK's properties compare other backends with. Server projects can use it in
 * their own tests: type {@code memory} in a config (the registry wraps it), or
 * {@code ContractEnforcingStore.wrap(new MemoryStore("name"))}.
 *
 * <p>Its {@code capabilities} are what it declares; like every backend it does not refuse the
 * others itself. Besides the {@link Store} methods it tells what a test wants to check:
 * {@link #objectCount()}, {@link #ids()}, {@link #openStreams()} (streams returned by
 * {@link #get} and not yet closed) and {@link #bytesHeld()}. {@link #seed} and {@link #unseed}
 * fill and empty a store configured without {@code WRITE} or {@code DELETE}.
 * {@link #sharingObjects} opens a second store over the same objects, as a second process
 * opens one backend.
 *
 * <p>An add whose thread is interrupted stops at its next read of the source and fails with
 * {@link OperationInterruptedException}, leaving the interrupt status set.
 *
 * <p>The data lives on the heap in 64 KiB chunks (no object needs one big array); it is
 * not meant for objects larger than the test heap.
 */
public final class MemoryStore implements Store {
    /** The scheme of memory locations. */
    public static final String SCHEME = "memory";

    private final String name;
    private final String namespace;
    private final Set<Capability> capabilities;
    private final ConcurrentMap<ObjectId, MemoryObject> objects;
    /** Bytes the adds in progress on these objects have read so far (shared like the objects). */
    private final AtomicLong receiving;
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile boolean closed;

    /**
     * A store with every capability whose namespace is its name.
     *
     * @param name the store's name, a valid namespace
     */
    public MemoryStore(String name) {
        this(name, MemoryStoreConfig.defaults());
    }

    /**
     * A store with the namespace and capabilities of {@code config}.
     *
     * @param name the store's name
     * @param config the store's config
     * @throws IllegalArgumentException if the config names no namespace and the store name is not a valid one
     */
    public MemoryStore(String name, MemoryStoreConfig config) {
        this(name, config, new ConcurrentHashMap<>(), new AtomicLong());
    }

    private MemoryStore(String name, MemoryStoreConfig config, ConcurrentMap<ObjectId, MemoryObject> objects,
            AtomicLong receiving) {
        this.name = requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        this.namespace = config.namespace().orElse(name);
        if (!MemoryStoreConfig.isValidNamespace(namespace)) {
            throw new IllegalArgumentException("Store name '" + name + "' is not a valid namespace; configure 'namespace'");
        }
        this.capabilities = config.capabilities();
        this.objects = objects;
        this.receiving = receiving;
    }

    /**
     * Another store named {@code otherName} over the same objects, with the same namespace and
     * capabilities: what one adds the other reads, and their adds of one id race as two
     * processes' would. It counts its own streams and is closed on its own.
     *
     * @param otherName the second store's name
     * @return the second store
     */
    public MemoryStore sharingObjects(String otherName) {
        return new MemoryStore(otherName, MemoryStoreConfig.of(namespace, capabilities), objects, receiving);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The authority of this store's locations.
     *
     * @return the namespace
     */
    public String namespace() {
        return namespace;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public boolean owns(Location location) {
        requireNonNull(location, "location is null");
        return idOf(location) != null;
    }

    /**
     * The location of {@code id} in this store, without metadata.
     *
     * @param id the id
     * @return the location
     */
    public Location locationOf(ObjectId id) {
        return Location.of(URI.create(SCHEME + "://" + namespace + "/" + id.value()));
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        requireNonNull(options, "options is null");
        return store(id, data);
    }

    /**
     * Adds an object, as a test fills a store declared read-only from behind it (the
     * {@link io.stowage.ContractEnforcingStore} would refuse an add). Same result as {@link #add}.
     *
     * @param id the id
     * @param data the bytes, read to the end and not closed
     * @param options the add's options; only {@link AddOptions#expectedSize()} is read, as a hint
     * @return the stored object: its location and size, no checksums
     * @throws IOException if the source fails, the id exists or the store is closed
     */
    public StoredObject seed(ObjectId id, InputStream data, AddOptions options) throws IOException {
        requireNonNull(options, "options is null");
        return store(id, data);
    }

    /**
     * Removes the object at {@code location} whatever the capabilities, as a test empties a
     * read-only store from behind it.
     *
     * @param location the location
     * @throws ObjectNotFoundException if there is none
     */
    public void unseed(Location location) throws IOException {
        ObjectId id = checkOwned(location);
        if (objects.remove(id) == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        requireNonNull(range, "range is null");
        ObjectId id = checkOwned(location);
        MemoryObject object = find(id, location);
        long length = range.lengthWithin(object.size(), location);
        openStreams.incrementAndGet();
        InputStream data = object.open(range.offset(), length, openStreams::decrementAndGet);
        return new ObjectStream(data, location, object.size(), range.offset(), length);
    }

    @Override
    public long size(Location location) throws IOException {
        ObjectId id = checkOwned(location);
        return find(id, location).size();
    }

    @Override
    public void delete(Location location) throws IOException {
        ObjectId id = checkOwned(location);
        if (objects.remove(id) == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    @Override
    public void discard(ObjectId id) throws IOException {
        requireNonNull(id, "id is null");
        objects.remove(id);
    }

    /**
     * How many objects the store holds.
     *
     * @return how many objects the store holds
     */
    public int objectCount() {
        return objects.size();
    }

    /**
     * The ids of the objects the store holds, sorted.
     *
     * @return the ids, sorted
     */
    public SortedSet<ObjectId> ids() {
        return new TreeSet<>(objects.keySet());
    }

    /**
     * Bytes of object data on the heap: those of the objects held, and those the adds in progress have read so far.
     *
     * @return the bytes of object data held
     */
    public long bytesHeld() {
        long held = receiving.get();
        for (MemoryObject object : objects.values()) {
            held += object.size();
        }
        return held;
    }

    /**
     * Streams returned by {@link #get} that are not closed yet.
     *
     * @return how many streams are open
     */
    public int openStreams() {
        return openStreams.get();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return whether it was closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Marks the store closed; later calls fail. The objects stay for inspection. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemoryStore[" + name + ", " + SCHEME + "://" + namespace + "]";
    }

    private StoredObject store(ObjectId id, InputStream data) throws IOException {
        requireNonNull(id, "id is null");
        requireNonNull(data, "data is null");
        ensureOpen();
        if (objects.containsKey(id)) {
            throw new ObjectAlreadyExistsException("Object already exists: " + locationOf(id));
        }
        MemoryObject object = receive(id, data);
        if (objects.putIfAbsent(id, object) != null) {
            throw new ObjectAlreadyExistsException("Object already exists: " + locationOf(id));
        }
        return StoredObject.of(id, locationOf(id), object.size());
    }

    /** Reads the source to its end into an object; what it read counts as held until then. */
    private MemoryObject receive(ObjectId id, InputStream data) throws IOException {
        long[] read = {0};
        try {
            List<byte[]> chunks = MemoryObject.readChunks(data, n -> {
                receiving.addAndGet(n);
                read[0] += n;
                checkNotInterrupted(id);
            });
            checkNotInterrupted(id);
            return MemoryObject.of(chunks);
        } finally {
            receiving.addAndGet(-read[0]);
        }
    }

    /** Stops an add whose thread was interrupted; the interrupt status stays set for the caller. */
    private void checkNotInterrupted(ObjectId id) throws OperationInterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new OperationInterruptedException("Adding '" + id + "' to store '" + name + "' was interrupted");
        }
    }

    private ObjectId checkOwned(Location location) throws StoreException {
        requireNonNull(location, "location is null");
        ensureOpen();
        ObjectId id = idOf(location);
        if (id == null) {
            throw new InvalidLocationException("Store '" + name + "' does not hold " + location
                    + " (expected " + SCHEME + "://" + namespace + "/<id>)");
        }
        return id;
    }

    /** The id a location of this store names, or null when the location is not this store's. */
    private ObjectId idOf(Location location) {
        URI uri = location.uri();
        String path = uri.getRawPath();
        if (!SCHEME.equals(location.scheme()) || !namespace.equals(uri.getRawAuthority())
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || path == null || !path.startsWith("/")) {
            return null;
        }
        String id = path.substring(1);
        return ObjectId.isValid(id) ? ofValid(id) : null;
    }

    private static ObjectId ofValid(String id) {
        try {
            return ObjectId.of(id);
        } catch (StoreException e) {
            throw new IllegalStateException("A valid id was refused: " + id, e);
        }
    }

    private MemoryObject find(ObjectId id, Location location) throws ObjectNotFoundException {
        MemoryObject object = objects.get(id);
        if (object == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
        return object;
    }

    private void ensureOpen() throws StoreException {
        if (closed) {
            throw new StoreException("Store '" + name + "' is closed");
        }
    }
}
