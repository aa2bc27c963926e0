package io.stowage.tck.memory;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.NotSupportedException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import io.stowage.integrity.VerifyingInputStream;
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
 * The reference store: objects held in memory, locations {@code memory://<namespace>/<id>}.
 * It keeps every rule of the {@link Store} contract and is the oracle the TCK's properties
 * compare other backends with. Server projects can use it in their own tests (type
 * {@code memory} in a config, or {@code new MemoryStore("name")}).
 *
 * <p>Besides the {@link Store} methods it tells what a test wants to check:
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

    /** A store with every capability whose namespace is its name. */
    public MemoryStore(String name) {
        this(name, MemoryStoreConfig.defaults());
    }

    /** @throws IllegalArgumentException if the config names no namespace and the store name is not a valid one */
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
     */
    public MemoryStore sharingObjects(String otherName) {
        return new MemoryStore(otherName, MemoryStoreConfig.of(namespace, capabilities), objects, receiving);
    }

    @Override
    public String name() {
        return name;
    }

    /** The authority of this store's locations. */
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

    /** The location of {@code id} in this store, without metadata. */
    public Location locationOf(ObjectId id) {
        return Location.of(URI.create(SCHEME + "://" + namespace + "/" + id.value()));
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        require(Capability.WRITE, "add object '" + id + "'");
        return store(id, data, options);
    }

    /**
     * Adds an object whatever the capabilities, as a test fills a read-only store from
     * behind it. Same checks and result as {@link #add}.
     */
    public StoredObject seed(ObjectId id, InputStream data, AddOptions options) throws IOException {
        return store(id, data, options);
    }

    /**
     * Removes the object at {@code location} whatever the capabilities, as a test empties a
     * read-only store from behind it.
     *
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
        require(Capability.READ, "read " + location);
        if (!range.isAll()) {
            require(Capability.RANGE_READ, "read a range of " + location);
        }
        MemoryObject object = find(id, location);
        long length = range.lengthWithin(object.size(), location);
        openStreams.incrementAndGet();
        InputStream data = object.open(range.offset(), length, openStreams::decrementAndGet);
        return new ObjectStream(data, location, object.size(), range.offset(), length);
    }

    @Override
    public long size(Location location) throws IOException {
        ObjectId id = checkOwned(location);
        require(Capability.READ, "read the size of " + location);
        return find(id, location).size();
    }

    @Override
    public void delete(Location location) throws IOException {
        ObjectId id = checkOwned(location);
        require(Capability.DELETE, "delete " + location);
        if (objects.remove(id) == null) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    /** How many objects the store holds. */
    public int objectCount() {
        return objects.size();
    }

    /** The ids of the objects the store holds, sorted. */
    public SortedSet<ObjectId> ids() {
        return new TreeSet<>(objects.keySet());
    }

    /** Bytes of object data on the heap: those of the objects held, and those the adds in progress have read so far. */
    public long bytesHeld() {
        long held = receiving.get();
        for (MemoryObject object : objects.values()) {
            held += object.size();
        }
        return held;
    }

    /** Streams returned by {@link #get} that are not closed yet. */
    public int openStreams() {
        return openStreams.get();
    }

    /** Whether {@link #close()} was called. */
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

    private StoredObject store(ObjectId id, InputStream data, AddOptions options) throws IOException {
        requireNonNull(id, "id is null");
        requireNonNull(data, "data is null");
        requireNonNull(options, "options is null");
        ensureOpen();
        if (objects.containsKey(id)) {
            throw new ObjectAlreadyExistsException("Object already exists: " + locationOf(id));
        }
        MemoryObject object = receive(id, new VerifyingInputStream(data, ContentVerifier.forAdd(id, options)));
        if (objects.putIfAbsent(id, object) != null) {
            throw new ObjectAlreadyExistsException("Object already exists: " + locationOf(id));
        }
        Location location = Location.of(locationOf(id).uri(), options.metadata());
        return StoredObject.of(id, location, object.size()).withChecksums(object.checksums());
    }

    /** Reads a verified source to its end into an object; what it read counts as held until then. */
    private MemoryObject receive(ObjectId id, VerifyingInputStream verified) throws IOException {
        long[] read = {0};
        try {
            List<byte[]> chunks = MemoryObject.readChunks(verified, n -> {
                receiving.addAndGet(n);
                read[0] += n;
                checkNotInterrupted(id);
            });
            checkNotInterrupted(id);
            VerifiedContent content = verified.result();
            return MemoryObject.of(chunks, content.checksums());
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

    private void require(Capability capability, String operation) throws NotSupportedException {
        if (!capabilities.contains(capability)) {
            throw new NotSupportedException("Store '" + name + "' cannot " + operation + ": it lacks the "
                    + capability + " capability");
        }
    }

    private void ensureOpen() throws StoreException {
        if (closed) {
            throw new StoreException("Store '" + name + "' is closed");
        }
    }
}
