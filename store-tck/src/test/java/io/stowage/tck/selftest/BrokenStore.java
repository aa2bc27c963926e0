package io.stowage.tck.selftest;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.NotSupportedException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.StoredObject;
import io.stowage.tck.memory.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A memory store with one deliberate defect, for the TCK's self-test: each {@link Defect}
 * breaks one rule a backend keeps, and the TCK must notice. (The rules the contract decorator
 * keeps for every backend — verification, checksums, metadata, refusing undeclared capabilities
 * and schemes — no backend can break; {@code ContractEnforcingStoreTest} proves the decorator.) The defects of adds are
 * in {@link BrokenAdds}, of locations in {@link BrokenLocations}, of reads in {@link BrokenReads}.
 */
final class BrokenStore extends ForwardingStore {
    /** The credential every broken store's environment declares; {@link Defect#LEAKS_A_SECRET} prints it. */
    static final String SECRET = "tck-secret-7f3a9c21e6";

    enum Defect {
        /** Keeps all but the last byte of every object. */
        TRUNCATES_LAST_BYTE,
        /** Reads ranges from the start of the object, whatever the offset. */
        IGNORES_RANGE_OFFSET,
        /** Keeps what it read when an add fails. */
        LEAVES_PARTIAL_OBJECT,
        /** Publishes once it has read the declared size, without the read that ends the source. */
        PUBLISHES_BEFORE_THE_END,
        /** Replaces an existing object on a duplicate add. */
        LETS_DUPLICATE_OVERWRITE,
        /** Reports one byte more than the object holds. */
        REPORTS_WRONG_SIZE,
        /** Never releases the backend stream of a read. */
        LEAKS_STREAMS,
        /** Releases the backend stream of a read only when it was read to its end (a connection kept on early close). */
        LEAKS_ON_EARLY_CLOSE,
        /** Declares DELETE, but refuses every delete. */
        OVER_DECLARES_DELETE,
        /** Claims to own every location. */
        OWNS_EVERY_LOCATION,
        /** Resolves {@code ..} and answers "not found" for locations naming no valid id instead of refusing them. */
        ACCEPTS_HOSTILE_IDS,
        /** Wraps the caller's source failure in a store error. */
        HIDES_SOURCE_FAILURES,
        /** Closes the caller's source. */
        CLOSES_THE_SOURCE,
        /** Checks that the id is free, reads the data, then writes whatever is there (no atomic publish). */
        RACY_CHECK_THEN_WRITE,
        /** Keeps racing adds apart with a reservation in its own memory: right in one instance, racy across two. */
        INSTANCE_LOCAL_RESERVATION,
        /** Makes what it read so far readable before the add has all of its data. */
        VISIBLE_BEFORE_COMMIT,
        /** Clears the interrupt status of an add's thread and goes on. */
        SWALLOWS_INTERRUPTS,
        /** Reports interrupts with the JDK's exceptions, outside the StoreException family. */
        LEAKS_FOREIGN_EXCEPTIONS,
        /** Names its credential in its "not found" messages. */
        LEAKS_A_SECRET,
        /** Holds whole objects in memory while adding and reading them. */
        BUFFERS_WHOLE_OBJECTS
    }

    private final Defect defect;
    /** The ids this instance is adding ({@link Defect#INSTANCE_LOCAL_RESERVATION}). */
    private final Set<ObjectId> reserved = ConcurrentHashMap.newKeySet();

    BrokenStore(MemoryStore memory, Defect defect) {
        super(memory);
        this.defect = defect;
    }

    @Override
    public boolean owns(Location location) {
        return BrokenLocations.owns(defect, memory, location);
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        return BrokenAdds.add(defect, memory, reserved, id, data, options);
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        Location resolved = BrokenLocations.resolve(defect, memory, location);
        try {
            return BrokenReads.get(defect, memory, resolved, range);
        } catch (ObjectNotFoundException e) {
            throw leakingSecret(e);
        }
    }

    @Override
    public long size(Location location) throws IOException {
        Location resolved = BrokenLocations.resolve(defect, memory, location);
        try {
            long size = memory.size(resolved);
            return defect == Defect.REPORTS_WRONG_SIZE ? size + 1 : size;
        } catch (ObjectNotFoundException e) {
            throw leakingSecret(e);
        }
    }

    @Override
    public void delete(Location location) throws IOException {
        Location resolved = BrokenLocations.resolve(defect, memory, location);
        if (defect == Defect.OVER_DECLARES_DELETE) {
            throw new NotSupportedException("Store '" + name() + "' cannot delete " + location);
        }
        try {
            memory.delete(resolved);
        } catch (ObjectNotFoundException e) {
            throw leakingSecret(e);
        }
    }

    private ObjectNotFoundException leakingSecret(ObjectNotFoundException e) {
        return defect == Defect.LEAKS_A_SECRET
                ? new ObjectNotFoundException(e.getMessage() + " (request signed with key " + SECRET + ")")
                : e;
    }
}
