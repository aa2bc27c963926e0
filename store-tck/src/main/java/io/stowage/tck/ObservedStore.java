package io.stowage.tck;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The store under test as the contract calls it: every call and every stream read passes
 * through unchanged, and what comes back is watched. An exception outside the
 * {@link StoreException} family — other than the caller's own source failure passing through
 * — is recorded, and so is every place a declared secret shows in what the store said (an
 * exception's text, a location it emitted, the {@code toString()} of the store or of a result).
 * The fixture checks both after every test ({@link #assertClean()}).
 */
final class ObservedStore implements Store {
    private static final int MAX_FINDINGS = 20;

    private final Store store;
    private final SecretScan secrets;
    private final Queue<String> findings = new ConcurrentLinkedQueue<>();

    ObservedStore(Store store, SecretScan secrets) {
        this.store = requireNonNull(store, "store is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public Set<String> schemes() {
        return store.schemes();
    }

    @Override
    public Set<Capability> capabilities() {
        return store.capabilities();
    }

    @Override
    public boolean owns(Location location) {
        try {
            return store.owns(location);
        } catch (RuntimeException | Error e) {
            observe("owns(" + location + ")", e, Set.of());
            throw e;
        }
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        WatchedSource source = new WatchedSource(data);
        StoredObject stored = watch("add(" + id + ")", source.failures, () -> store.add(id, source, options));
        said("the result of add(" + id + ")", stored.toString(), stored.location().url(), stored.location().metadata().toString());
        return stored;
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        ObjectStream stream = watch("get(" + location + ", " + range + ")", Set.of(), () -> store.get(location, range));
        said("the stream of " + location, stream.location().url());
        String what = "reading " + location;
        return new ObjectStream(new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                return watch(what, Set.of(), in::read);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return watch(what, Set.of(), () -> in.read(buffer, offset, length));
            }

            @Override
            public long skip(long n) throws IOException {
                return watch(what, Set.of(), () -> in.skip(n));
            }

            @Override
            public void close() throws IOException {
                watch("closing the stream of " + location, Set.of(), () -> {
                    in.close();
                    return null;
                });
            }
        }, stream.location(), stream.objectSize(), stream.offset(), stream.length());
    }

    @Override
    public long size(Location location) throws IOException {
        return watch("size(" + location + ")", Set.of(), () -> store.size(location));
    }

    @Override
    public void delete(Location location) throws IOException {
        watch("delete(" + location + ")", Set.of(), () -> {
            store.delete(location);
            return null;
        });
    }

    @Override
    public void discard(ObjectId id) throws IOException {
        watch("discard(" + id + ")", Set.of(), () -> {
            store.discard(id);
            return null;
        });
    }

    /** Closes the store, watching what it throws. */
    @Override
    public void close() throws IOException {
        watch("close()", Set.of(), () -> {
            store.close();
            return null;
        });
    }

    /** A call of the store or of one of its streams. */
    private interface Call<T> {
        T call() throws IOException;
    }

    /** Runs {@code call}, observing what it throws; {@code sourceFailures} are the caller's own, passing through. */
    private <T> T watch(String what, Set<Throwable> sourceFailures, Call<T> call) throws IOException {
        try {
            return call.call();
        } catch (IOException | RuntimeException | Error e) {
            observe(what, e, sourceFailures);
            throw e;
        }
    }

    @Override
    public String toString() {
        return store.toString();
    }

    /** Fails with everything recorded since the last call, and forgets it. */
    void assertClean() {
        said("the store's toString()", store.toString());
        List<String> found = new ArrayList<>(findings);
        findings.clear();
        if (!found.isEmpty()) {
            throw new AssertionError("The store broke the contract's rules on errors and secrets:\n  "
                    + String.join("\n  ", found));
        }
    }

    private void observe(String call, Throwable thrown, Set<Throwable> sourceFailures) {
        said(call + " threw", Texts.of(thrown).toArray(String[]::new));
        if (sourceFailures.contains(thrown)) {
            return; // the caller's own source failure passes through, as it must
        }
        if (!(thrown instanceof StoreException)) {
            record(call + " threw " + thrown + ", which is outside the StoreException family"
                    + (thrown.getCause() != null ? " (caused by " + thrown.getCause() + ")" : ""));
        }
    }

    private void said(String what, String... texts) {
        for (String text : texts) {
            secrets.find(text).ifPresent(secret -> record(what + " shows " + secret + ": " + secrets.redact(text)));
        }
    }

    private void record(String finding) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(finding);
        }
    }

    /** The caller's source as the store reads it, remembering what it threw. */
    private static final class WatchedSource extends FilterInputStream {
        final Set<Throwable> failures = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        WatchedSource(InputStream source) {
            super(requireNonNull(source, "data is null"));
        }

        @Override
        public int read() throws IOException {
            return remember(in::read);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return remember(() -> in.read(buffer, offset, length));
        }

        @Override
        public long skip(long n) throws IOException {
            return remember(() -> in.skip(n));
        }

        private <T> T remember(Call<T> call) throws IOException {
            try {
                return call.call();
            } catch (IOException | RuntimeException | Error e) {
                failures.add(e);
                throw e;
            }
        }
    }
}
