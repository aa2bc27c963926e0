package io.stowage.tck.fault;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.BackendUnavailableException;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.support.SingleByteRead;
import io.stowage.tck.fault.Faults.Operation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Store} decorator that injects backend faults: reads that fail after N bytes,
 * closes that fail, slow reads, adds that fail after N bytes, operations that fail at once.
 * The faults can be changed while the store is in use ({@link #inject}); they apply to
 * streams opened afterwards. Injected failures are {@link BackendUnavailableException}s, the
 * way a backend that went away fails.
 *
 * <p>What the decorator promises itself: a stream whose read or close failed still closes
 * the backend stream, so a leak seen behind it is the backend's.
 */
public final class FaultInjectingStore implements Store {
    private final Store delegate;
    private volatile Faults faults;

    /**
     * {@code delegate} with {@code faults} injected.
     *
     * @param delegate the store
     * @param faults the faults, changed later with {@link #inject}
     */
    public FaultInjectingStore(Store delegate, Faults faults) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    /**
     * {@code delegate} without a fault yet.
     *
     * @param delegate the store
     */
    public FaultInjectingStore(Store delegate) {
        this(delegate, Faults.NONE);
    }

    /**
     * Replaces the faults; {@link Faults#NONE} heals the store.
     *
     * @param faults the faults to inject
     */
    public void inject(Faults faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    /** {@return the faults injected now} */
    public Faults faults() {
        return faults;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<String> schemes() {
        return delegate.schemes();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public boolean owns(Location location) {
        return delegate.owns(location);
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        Faults now = faults;
        failIfUnavailable(now, Operation.ADD, "add " + id);
        InputStream source = now.addFailureAfter() < 0 ? data : new FailingSource(data, now.addFailureAfter(), id);
        return delegate.add(id, source, options);
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        Faults now = faults;
        failIfUnavailable(now, Operation.GET, "read " + location);
        ObjectStream stream = delegate.get(location, range);
        if (now.readFailureAfter() < 0 && !now.closeFailure() && now.readDelay().isZero()) {
            return stream;
        }
        return new ObjectStream(new FaultyStream(stream, now), stream.location(), stream.objectSize(), stream.offset(),
                stream.length());
    }

    @Override
    public long size(Location location) throws IOException {
        failIfUnavailable(faults, Operation.SIZE, "read the size of " + location);
        return delegate.size(location);
    }

    @Override
    public void delete(Location location) throws IOException {
        failIfUnavailable(faults, Operation.DELETE, "delete " + location);
        delegate.delete(location);
    }

    @Override
    public void discard(ObjectId id) throws IOException {
        failIfUnavailable(faults, Operation.DELETE, "discard " + id);
        delegate.discard(id);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultInjectingStore[" + delegate + "]";
    }

    private static void failIfUnavailable(Faults faults, Operation operation, String what)
            throws BackendUnavailableException {
        if (faults.unavailable().contains(operation)) {
            throw new BackendUnavailableException("Injected fault: the backend is unavailable, cannot " + what);
        }
    }

    /** The backend stream of a read, with the read faults of the moment it was opened. */
    private static final class FaultyStream extends FilterInputStream {
        private final ObjectStream backend;
        private final Faults faults;
        private long position;

        FaultyStream(ObjectStream backend, Faults faults) {
            super(backend);
            this.backend = backend;
            this.faults = faults;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!faults.readDelay().isZero()) {
                LockSupport.parkNanos(faults.readDelay().toNanos());
            }
            int allowed = length;
            if (faults.readFailureAfter() >= 0) {
                long left = faults.readFailureAfter() - position;
                if (left <= 0 && length > 0) {
                    throw new BackendUnavailableException("Injected fault: the read of " + backend.location()
                            + " broke after " + position + " bytes");
                }
                allowed = (int) Math.min(length, left);
            }
            int n = super.read(buffer, offset, allowed);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public void close() throws IOException {
            backend.close();
            if (faults.closeFailure()) {
                throw new BackendUnavailableException("Injected fault: closing the read of " + backend.location() + " failed");
            }
        }
    }

    /** The caller's source as the backend sees it: its write breaks after N bytes. */
    private static final class FailingSource extends FilterInputStream {
        private final long failAfter;
        private final ObjectId id;
        private long position;

        FailingSource(InputStream source, long failAfter, ObjectId id) {
            super(source);
            this.failAfter = failAfter;
            this.id = id;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= failAfter) {
                throw new BackendUnavailableException("Injected fault: the write of object '" + id + "' broke after "
                        + position + " bytes");
            }
            int n = super.read(buffer, offset, (int) Math.min(length, failAfter - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the source
        }
    }
}
