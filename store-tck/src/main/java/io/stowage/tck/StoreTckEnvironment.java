package io.stowage.tck;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * What a backend author writes to run the TCK: how to open the store under test, what kind
 * of store it is, how to look behind it, and how to count what it holds open. Everything but
 * {@link #createStore}, {@link #profile}, {@link #assertEmpty} and {@link #openResources} has a
 * default.
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
     * A store on the environment's backend, which is empty when the suite starts. Every call
     * opens another store on the <em>same</em> backend, as a second process or node would:
     * what one adds, the other reads, and two adds of one id through two of them race. The
     * suites close the stores. Called once per test class, and again by tests that need a
     * second instance (closing, racing instances).
     *
     * @return the store, closed by the suite
     * @throws Exception if the environment fails; the test fails
     */
    Store createStore() throws Exception;

    /**
     * What kind of store this is: the store must declare exactly the profile's capabilities,
     * and the contract may skip only the tests the profile explains (see {@link StoreProfile}).
     *
     * @return the profile
     */
    StoreProfile profile();

    /**
     * Fails (with an {@link AssertionError}) unless the backend behind {@code store} holds no
     * object and nothing leaked there: no temp file, no pending multipart upload. Called after
     * every test, once the test's own objects are gone, so that a failed add leaving a partial
     * object is caught by the test that caused it. Open streams and connections are
     * {@link #openResources}'s.
     *
     * @throws Exception if the environment fails; the test fails
     * @param store a store {@link #createStore} returned
     */
    void assertEmpty(Store store) throws Exception;

    /**
     * How many streams, file handles and connections {@code store} holds open right now (its
     * open object files, its connections leased from its pool, its unclosed backend
     * streams), counted from outside the store's own bookkeeping where possible
     * ({@link OpenFiles} lists this process's open files). The TCK checks that the count is
     * above zero while a stream of {@code store} is open and has been read from, and zero
     * after every test: a stream that keeps its file or connection after {@code close()},
     * also when closed before its end, fails the test that leaked it.
     *
     * @return how many streams, files and connections are open
     * @throws Exception if the environment fails; the test fails
     * @param store a store {@link #createStore} returned
     */
    long openResources(Store store) throws Exception;

    /**
     * The credentials the store was configured with (keys, passwords, tokens). The contract
     * fails a test when one of them — as is, URL-encoded or base64-encoded — appears in the
     * message or text of an exception the store threw, in a location it emitted, or in the
     * {@code toString()} of the store or of an object it returned. The default is none.
     *
     * @return the credentials; none by default
     */
    default Set<String> secrets() {
        return Set.of();
    }

    /**
     * How many bytes of object data the backend behind {@code store} keeps on this JVM's heap
     * right now (an in-memory backend's objects, and the adds it is receiving); the
     * bounded-memory tests do not count them against the store. The default is 0: the backend
     * keeps its data elsewhere.
     *
     * @param store a store the environment created
     * @return the bytes; 0 by default
     * @throws Exception if the environment fails; the test fails
     */
    default long backendHeapBytes(Store store) throws Exception {
        return 0;
    }

    /**
     * The size of the object the bounded-memory tests add (with its size unknown) and read:
     * at least four times the memory the store's configuration lets one add or read hold
     * (buffers, parts in flight). While the data moves the heap must grow by less than half of
     * it. The default is 32 MiB.
     *
     * @return the size in bytes; 32 MiB by default
     */
    default long boundedMemorySize() {
        return 32L * 1024 * 1024;
    }

    /**
     * Puts an object into the backend behind {@code store}; the tests of a read-only store
     * (a profile without {@link io.stowage.Capability#WRITE}) get their objects this way. The default adds through the
     * store with the size declared.
     *
     * @param store a store the environment created
     * @param id the id
     * @param data the bytes, read to the end
     * @param size the size in bytes
     * @throws Exception if the environment fails; the test fails
     * @return the location the store reads the object by
     */
    default Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        return store.add(id, data, AddOptions.builder().expectedSize(size).build()).location();
    }

    /**
     * Removes an object the tests put in; the default deletes through the store. A
     * read-only store's environment removes it from the backend behind the store.
     *
     * @param store a store the environment created
     * @param location the location
     * @throws Exception if the environment fails; the test fails
     */
    default void remove(Store store, Location location) throws Exception {
        store.delete(location);
    }

    /**
     * Locations of the store's own scheme that the store must not serve (another bucket,
     * a path outside the data dirs), derived from {@code owned}, a location the store
     * emitted. The TCK checks that the store does not {@linkplain Store#owns own} them and
     * refuses them with {@link io.stowage.InvalidLocationException}. The default puts another
     * authority in {@code owned}. Only a {@link StoreProfile#READ_ONLY_ORIGIN} store, which
     * serves every location of its schemes its rules allow, may return an empty list; for
     * every other profile an empty list fails the run.
     *
     * @param owned a location the store emitted
     * @return locations the store must refuse
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

    /**
     * A size well past every buffer and multipart threshold of the store; the default is 4 MiB + 17 bytes.
     *
     * @return the size in bytes
     */
    default long largeSize() {
        return 4L * 1024 * 1024 + 17;
    }

    /**
     * Sizes where a backend changes how it moves data: its buffer and part sizes, each with
     * one byte less and one more. The default covers common buffer sizes (8 KiB, 64 KiB,
     * 128 KiB); add the store's own, e.g. its multipart threshold and part size ± 1.
     *
     * @return the sizes in bytes
     */
    default List<Long> boundarySizes() {
        return List.of(8191L, 8192L, 8193L, 65535L, 65536L, 65537L, 131071L, 131072L, 131073L);
    }

    /**
     * Tries of each backend-facing property. Values below {@value #DEFAULT_PROPERTY_TRIES} are
     * ignored: the TCK runs at least that many.
     *
     * @return the tries; values below the default are ignored
     */
    default int propertyTries() {
        return DEFAULT_PROPERTY_TRIES;
    }

    /**
     * How many adds of one id race in the duplicate tests; at least 2.
     *
     * @return how many adds race; 4 by default
     */
    default int racingAdds() {
        return 4;
    }

    /** Stops what the environment started. The default does nothing. */
    @Override
    default void close() throws Exception {}
}
