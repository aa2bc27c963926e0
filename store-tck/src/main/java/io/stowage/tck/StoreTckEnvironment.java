package io.stowage.tck;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * What a backend author writes to run the TCK: how to create the store under test, how to
 * look behind it, and what the server behind it can do. Everything but {@link #createStore},
 * {@link #capabilities} and {@link #assertEmpty} has a default.
 *
 * <p>The suites ({@link StoreContractTest}, {@link StorePropertiesTest}) ask their
 * {@code environment()} hook for one environment per test class, create one store from it,
 * and {@linkplain #close() close} both when the class is done. An environment that needs a
 * server (S3Proxy, Jetty) starts it in its constructor or in {@link #createStore} and stops
 * it in {@link #close}.
 *
 * <p>Size knobs have lean defaults so that the contract stays fast; a backend with a
 * multipart threshold or a buffer of its own adds its boundaries with {@link #boundarySizes}.
 */
public interface StoreTckEnvironment extends AutoCloseable {
    /** The default number of tries of each backend-facing property; {@link #propertyTries()} may only raise it. */
    int DEFAULT_PROPERTY_TRIES = 1000;

    /**
     * A new store under test, with an empty backend behind it. The suites close it. Called
     * once per test class, and again by tests that need a store of their own (closing).
     */
    Store createStore() throws Exception;

    /**
     * The capabilities the server behind the store supports. The TCK checks that the store
     * declares exactly these, that each works, and that each other one is refused with
     * {@link io.stowage.NotSupportedException}.
     */
    Set<Capability> capabilities();

    /**
     * Fails (with an {@link AssertionError}) unless the backend behind {@code store} holds no
     * object and nothing leaked: no temp file, no pending multipart upload, no stream or
     * connection still open. Called after every test, once the test's own objects are gone,
     * so that a failed add leaving a partial object or a stream that was not released is
     * caught by the test that caused it.
     *
     * @param store the store {@link #createStore} returned
     */
    void assertEmpty(Store store) throws Exception;

    /**
     * Puts an object into the backend behind {@code store}; the tests of a read-only store
     * (no {@link Capability#WRITE}) get their objects this way. The default adds through the
     * store with the size declared.
     *
     * @return the location the store reads the object by
     */
    default Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        return store.add(id, data, AddOptions.builder().expectedSize(size).build()).location();
    }

    /**
     * Removes an object the tests put in; the default deletes through the store. A
     * read-only store's environment removes it from the backend behind the store.
     */
    default void remove(Store store, Location location) throws Exception {
        store.delete(location);
    }

    /**
     * Locations of the store's own scheme that the store must not serve (another bucket,
     * a path outside the data dirs), derived from {@code owned}, a location the store
     * emitted. The TCK checks that the store does not {@linkplain Store#owns own} them and
     * refuses them with {@link io.stowage.InvalidLocationException}. The default puts another
     * authority in {@code owned}; return an empty list when every location of the scheme is
     * the store's (an HTTP store).
     */
    default List<Location> notOwned(Location owned) {
        URI uri = owned.uri();
        try {
            URI other = new URI(uri.getScheme(), "stowage-tck-elsewhere.invalid", uri.getPath(), null);
            return List.of(Location.of(other));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot derive a not-owned location from " + owned, e);
        }
    }

    /** A size well past every buffer and multipart threshold of the store; the default is 4 MiB + 17 bytes. */
    default long largeSize() {
        return 4L * 1024 * 1024 + 17;
    }

    /**
     * Sizes where a backend changes how it moves data: its buffer and part sizes, each with
     * one byte less and one more. The default covers common buffer sizes (8 KiB, 64 KiB,
     * 128 KiB); add the store's own, e.g. its multipart threshold and part size ± 1.
     */
    default List<Long> boundarySizes() {
        return List.of(8191L, 8192L, 8193L, 65535L, 65536L, 65537L, 131071L, 131072L, 131073L);
    }

    /**
     * Tries of each backend-facing property. Values below {@value #DEFAULT_PROPERTY_TRIES} are
     * ignored: the TCK runs at least that many.
     */
    default int propertyTries() {
        return DEFAULT_PROPERTY_TRIES;
    }

    /** How many adds of one id race in the duplicate tests; at least 2. */
    default int racingAdds() {
        return 4;
    }

    /** Stops what the environment started. The default does nothing. */
    @Override
    default void close() throws Exception {}
}
