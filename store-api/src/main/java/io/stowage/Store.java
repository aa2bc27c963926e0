package io.stowage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * One configured storage backend: a place objects are added to once and read back by
 * {@link Location}. Instances come from a {@link StoreProvider}; the registry
 * ({@code io.stowage.core.StoreRegistry}) routes locations to them.
 *
 * <h2>Two sides: the backend and the contract</h2>
 * A backend implements this interface and keeps the rules below that are its own: it moves
 * bytes, publishes if absent and reads ranges. The rules that are the same for every backend —
 * verifying the expected size and checksum, the size cap, computing the checksums, putting the
 * add's metadata into the location, refusing undeclared capabilities and schemes — are kept once
 * by the {@link ContractEnforcingStore} that the registry puts in front of every store; a caller
 * of the registry's stores sees the whole contract. The store TCK ({@code store-tck}) runs every
 * backend both bare and wrapped, so neither side can drift.
 *
 * <h2>What every backend keeps</h2>
 * The store TCK checks each of these rules.
 * <ul>
 *   <li><b>All or nothing.</b> An object is visible completely or not at all: nothing is
 *       readable under its location before {@link #add} returns. An add reads its source to
 *       the end (the read that returns -1) before it publishes; a failed or interrupted add (the
 *       source throws — at any read, the last included —, the thread is interrupted, the disk is
 *       full) leaves nothing readable and nothing leaked (no temp file, no multipart upload),
 *       and the same id can be added again afterwards.</li>
 *   <li><b>No overwrite.</b> Adding an id that exists fails with
 *       {@link ObjectAlreadyExistsException} and leaves the original intact, also when adds
 *       of one id race — through one store or through several stores opened on one backend
 *       (processes, nodes): exactly one wins.</li>
 *   <li><b>Bounded memory.</b> Data is streamed; the memory an add or a read holds is
 *       bounded by configuration whatever the object size and whether the size is known up
 *       front.</li>
 *   <li><b>Streams are released.</b> A stream returned by {@link #get} frees its resources
 *       (file handle, connection) when closed, also when closed before its end.</li>
 *   <li><b>Capabilities are honest.</b> A capability in {@link #capabilities()} works; the
 *       {@link ContractEnforcingStore} refuses the others with {@link NotSupportedException}
 *       before the store is called.</li>
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
 * A location whose scheme is not in {@link #schemes()} is refused by the
 * {@link ContractEnforcingStore} with {@link InvalidLocationException}. A location the store does not
 * {@linkplain #owns own} (a file outside the data dirs, another bucket), or whose id part is
 * not a valid {@link ObjectId} ({@code ..}, a nested path, an encoded NUL) is refused with
 * {@link InvalidLocationException} before anything is touched — never answered as a missing
 * object. A missing object is {@link ObjectNotFoundException}. A transient backend failure
 * that outlasted the store's retries is {@link BackendUnavailableException}; a permission
 * problem is {@link PermissionDeniedException}.
 */
public interface Store extends Closeable {
    /**
     * The configured name of this store.
     *
     * @return the key under {@code stores:} in the config
     */
    String name();

    /**
     * The schemes of the locations this store emits and reads.
     *
     * @return lower-case URI schemes
     */
    Set<String> schemes();

    /**
     * What this store can do; constant for the life of the store.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    /**
     * Whether this store holds the object at {@code location}: the scheme is one of
     * {@link #schemes()} and the location points inside what this store was configured
     * with (a data dir, a bucket and endpoint). Must not touch the backend. The registry
     * routes by it when the location metadata names no store.
     *
     * @param location the location
     * @return whether this store serves it
     */
    boolean owns(Location location);

    /**
     * Stores the bytes of {@code data} under {@code id}, reading the source once, to its end.
     *
     * <p>What the backend does: it reads {@code data} to its end (the read that returns -1)
     * before the object becomes visible, publishes it only if {@code id} is absent, and returns
     * {@link StoredObject#of} the location it wrote and the number of bytes it stored. Any
     * exception from {@code data} — at any read, the last included — is a failed add: nothing
     * is stored, nothing leaks, and the exception passes through unchanged. The backend does not
     * close {@code data}. It may read {@link AddOptions#expectedSize()} as a hint (a data dir
     * with room, one PUT or a multipart upload); out of space is {@link StorageFullException}.
     *
     * <p>What the {@link ContractEnforcingStore} in front adds: the size cap
     * ({@link SizeLimitExceededException} as soon as it is passed), the expected size and
     * checksum ({@link IntegrityException}), the checksums of
     * {@link AddOptions#checksumAlgorithms()} computed in the same pass, and
     * {@link AddOptions#metadata()} in the returned location. Its verification raises from the
     * source's reads, which is why the backend must treat them as failures.
     *
     * <p>Requires {@link Capability#WRITE}; the default implementation refuses.
     *
     * @param id the id to store the object under
     * @param data the bytes, read once to the end and not closed
     * @param options what the caller expects and wants computed
     * @return the stored object, whose location reads it back from this store
     * @throws ObjectAlreadyExistsException if {@code id} exists; the original is untouched
     * @throws IOException if the add failed; nothing was stored
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
     *
     * @param location the object
     * @param range the part to read
     * @return the stream of the part, to be closed by the caller
     * @throws IOException if the object cannot be opened
     */
    ObjectStream get(Location location, ByteRange range) throws IOException;

    /**
     * Opens the whole object at {@code location}.
     *
     * @param location the object
     * @return the stream of the object, to be closed by the caller
     * @throws IOException if the object cannot be opened
     */
    default ObjectStream get(Location location) throws IOException {
        return get(location, ByteRange.ALL);
    }

    /**
     * The size of the object at {@code location}. Requires {@link Capability#READ}.
     *
     * @param location the object
     * @return its size in bytes
     * @throws IOException if the size cannot be read
     */
    long size(Location location) throws IOException;

    /**
     * Removes the object at {@code location}. A missing object is
     * {@link ObjectNotFoundException} (Glance semantics). A stream already open on the
     * object may go on reading or fail, as the backend allows; a new {@link #get} fails
     * with {@link ObjectNotFoundException}.
     *
     * <p>Requires {@link Capability#DELETE}; the default implementation refuses.
     *
     * @param location the object
     * @throws IOException if the object cannot be removed
     */
    default void delete(Location location) throws IOException {
        throw new NotSupportedException("Store '" + name() + "' does not support delete (no DELETE capability): " + location);
    }

    /**
     * Removes whatever an add of {@code id} left in this store, whether that add finished or
     * not: the object if it was published, and what an add cut short by the crash of its
     * process left behind that the store can find by the id (an open multipart upload). It is
     * for recovery after a crash: call it only when no add of {@code id} can still be running,
     * in this process or another. Nothing left is not an error, so calling it twice is harmless.
     *
     * <p>Requires {@link Capability#DELETE}; the default implementation refuses.
     *
     * @param id the id an add was given
     * @throws NotSupportedException if the store cannot delete
     * @throws IOException if what is there could not be removed
     */
    default void discard(ObjectId id) throws IOException {
        throw new NotSupportedException("Store '" + name() + "' does not support discard (no DELETE capability): " + id);
    }

    /**
     * Releases what the store holds (clients, thread pools). Idempotent.
     *
     * @throws IOException if releasing failed
     */
    @Override
    void close() throws IOException;
}
