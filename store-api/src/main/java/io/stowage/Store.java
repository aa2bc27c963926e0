package io.stowage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * One configured storage backend: a place objects are added to once and read back by
 * {@link Location}. Instances come from a {@link StoreProvider}; the registry
 * ({@link StoreRegistry}) routes locations to them.
 *
 * <h2>What every implementation keeps</h2>
 * The store TCK ({@code store-tck}) checks each of these rules.
 * <ul>
 *   <li><b>All or nothing.</b> An object is visible completely or not at all: nothing is
 *       readable under its location before {@link #add} returns. A failed or interrupted add
 *       (the source fails, a limit or expectation is not met, the thread is interrupted)
 *       leaves nothing readable and nothing leaked (no temp file, no multipart upload), and
 *       the same id can be added again afterwards.</li>
 *   <li><b>No overwrite.</b> Adding an id that exists fails with
 *       {@link ObjectAlreadyExistsException} and leaves the original intact, also when adds
 *       of one id race — through one store or through several stores opened on one backend
 *       (processes, nodes): exactly one wins.</li>
 *   <li><b>Bounded memory.</b> Data is streamed; the memory an add or a read holds is
 *       bounded by configuration whatever the object size and whether the size is known up
 *       front.</li>
 *   <li><b>Streams are released.</b> A stream returned by {@link #get} frees its resources
 *       (file handle, connection) when closed, also when closed before its end.</li>
 *   <li><b>Capabilities are honest.</b> An operation needing a capability missing from
 *       {@link #capabilities()} fails with {@link NotSupportedException}; a declared one works.</li>
 *   <li><b>Only the error family.</b> Failures on the store's own account are
 *       {@link StoreException} subclasses whose messages name the location or id and hold no
 *       credential. An exception thrown by the caller's source passes through unchanged.</li>
 *   <li><b>Interrupts.</b> An add whose thread is interrupted fails with
 *       {@link OperationInterruptedException}; a read on an interrupted thread completes
 *       correctly or fails the same way. Either way the thread's interrupt status stays set.</li>
 *   <li><b>Thread safety.</b> All methods may be called concurrently.</li>
 * </ul>
 *
 * <h2>Errors common to all location-taking methods</h2>
 * A location whose scheme is not in {@link #schemes()}, which the store does not
 * {@linkplain #owns own} (a file outside the data dirs, another bucket), or whose id part is
 * not a valid {@link ObjectId} ({@code ..}, a nested path, an encoded NUL) is refused with
 * {@link InvalidLocationException} before anything is touched — never answered as a missing
 * object. A missing object is {@link ObjectNotFoundException}. A transient backend failure
 * that outlasted the store's retries is {@link BackendUnavailableException}; a permission
 * problem is {@link PermissionDeniedException}.
 */
public interface Store extends Closeable {
    /** The configured name of this store (the key under {@code stores:} in the config). */
    String name();

    /** The lower-case URI schemes of the locations this store emits and reads. */
    Set<String> schemes();

    /** What this store can do; constant for the life of the store. */
    Set<Capability> capabilities();

    /**
     * Whether this store holds the object at {@code location}: the scheme is one of
     * {@link #schemes()} and the location points inside what this store was configured
     * with (a data dir, a bucket and endpoint). Must not touch the backend. The registry
     * routes by it when the location metadata names no store.
     */
    boolean owns(Location location);

    /**
     * Stores the bytes of {@code data} under {@code id}, reading the source once, to its end.
     *
     * <p>The configured checksums ({@link AddOptions#checksumAlgorithms()}) are computed in
     * the same pass. Before the object becomes visible the store checks the expectations of
     * {@code options}: more bytes than {@link AddOptions#sizeLimit()} fail with
     * {@link SizeLimitExceededException} as soon as the limit is passed; a size or checksum
     * other than expected fails with {@link IntegrityException}. Out of space is
     * {@link StorageFullException}. On every failure nothing is stored and nothing leaks.
     * The store does not close {@code data}.
     *
     * <p>Requires {@link Capability#WRITE}; the default implementation refuses.
     *
     * @return the stored object, whose location reads it back from this store
     * @throws ObjectAlreadyExistsException if {@code id} exists; the original is untouched
     */
    default StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        throw new NotSupportedException("Store '" + name() + "' does not support add (no WRITE capability)");
    }

    /**
     * Opens the bytes of {@code range} of the object at {@code location}.
     *
     * <p>Range rules, the same on every store: an offset beyond the object size is an
     * {@link InvalidRangeException}; an offset equal to the size is an empty read; a length
     * running past the end is cut at the end. The returned stream knows the object size and
     * the length of this read, never returns short data (early end of backend data is an
     * {@link IntegrityException} on read) and releases its resources when closed.
     *
     * <p>Requires {@link Capability#READ}, and {@link Capability#RANGE_READ} for any range
     * other than {@link ByteRange#ALL}.
     */
    ObjectStream get(Location location, ByteRange range) throws IOException;

    /** Opens the whole object at {@code location}. */
    default ObjectStream get(Location location) throws IOException {
        return get(location, ByteRange.ALL);
    }

    /** The size in bytes of the object at {@code location}. Requires {@link Capability#READ}. */
    long size(Location location) throws IOException;

    /**
     * Removes the object at {@code location}. A missing object is
     * {@link ObjectNotFoundException} (Glance semantics). A stream already open on the
     * object may go on reading or fail, as the backend allows; a new {@link #get} fails
     * with {@link ObjectNotFoundException}.
     *
     * <p>Requires {@link Capability#DELETE}; the default implementation refuses.
     */
    default void delete(Location location) throws IOException {
        throw new NotSupportedException("Store '" + name() + "' does not support delete (no DELETE capability): " + location);
    }

    /** Releases what the store holds (clients, thread pools). Idempotent. */
    @Override
    void close() throws IOException;
}
