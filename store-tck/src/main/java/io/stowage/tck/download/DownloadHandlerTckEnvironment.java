package io.stowage.tck.download;

import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.download.DownloadHandler;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * What a download-handler author writes to run {@link DownloadHandlerContractTest}: how to
 * create the handler, how to put an object where the handler reads it from, and which
 * locations it must refuse.
 */
public interface DownloadHandlerTckEnvironment extends AutoCloseable {
    /**
     * A new handler; the suite closes it. Called once per test class and by the closing test.
     *
     * @return the handler, closed by the suite
     * @throws Exception if the environment fails; the test fails
     */
    DownloadHandler createHandler() throws Exception;

    /**
     * The lower-case schemes the handler serves (its provider's {@code schemes()}).
     *
     * @return the lower-case schemes
     */
    Set<String> schemes();

    /**
     * Puts an object where the handler reads it from (a file under a mount point, an
     * object in a bucket) and returns the location a store would have emitted for it, with
     * any metadata the handler needs (e.g. the filesystem id of the {@code file} handler).
     *
     * @param id the id
     * @param data the bytes, read to the end
     * @param size the size in bytes
     * @return the location of the object
     * @throws Exception if the environment fails; the test fails
     */
    Location put(ObjectId id, InputStream data, long size) throws Exception;

    /**
     * Removes an object {@link #put} created.
     *
     * @param location the location
     * @throws Exception if the environment fails; the test fails
     */
    void remove(Location location) throws Exception;

    /**
     * Locations of the handler's scheme that it must refuse with an
     * {@link io.stowage.InvalidLocationException} or {@link io.stowage.PermissionDeniedException}
     * without writing anything: paths escaping the mount point, an unknown filesystem id, a
     * bucket that is not configured. Derived from {@code existing}, a location {@link #put}
     * returned. The default is none.
     *
     * @param existing a location the environment put
     * @return the locations, none by default
     */
    default List<Location> refused(Location existing) {
        return List.of();
    }

    /**
     * Fails unless nothing leaked: no object left from the tests, no connection or file
     * handle open. Called after every test. The default checks nothing.
     *
     * @throws Exception if the environment fails; the test fails
     */
    default void assertNothingLeaked() throws Exception {}

    /**
     * A size past every buffer of the handler; the default is 4 MiB + 17 bytes.
     *
     * @return the size in bytes
     */
    default long largeSize() {
        return 4L * 1024 * 1024 + 17;
    }

    /** Stops what the environment started. The default does nothing. */
    @Override
    default void close() throws Exception {}
}
