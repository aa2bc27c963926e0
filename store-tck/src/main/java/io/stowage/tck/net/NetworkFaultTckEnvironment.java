package io.stowage.tck.net;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

/**
 * What a network backend's author writes to run {@link NetworkFaultTest}: where the real
 * server listens (on loopback), and how to create a store whose client talks to another
 * endpoint — the {@link TcpFaultProxy} the suite puts in between.
 */
public interface NetworkFaultTckEnvironment extends AutoCloseable {
    /**
     * The loopback address the real server (S3Proxy, Jetty, nginx) listens on.
     *
     * @return the address of the server
     * @throws Exception if the environment fails; the test fails
     */
    InetSocketAddress serverAddress() throws Exception;

    /**
     * A store whose client connects to {@code endpoint} instead of the server, with short
     * timeouts and few retries (a stalled connection must fail well within
     * {@link #hangGuard()}). The suite closes it.
     *
     * @param endpoint the proxy's address, where the store is to connect
     * @return the store, closed by the suite
     * @throws Exception if the environment fails; the test fails
     */
    Store createStore(InetSocketAddress endpoint) throws Exception;

    /**
     * The capabilities of the store; the suite skips the add tests without {@link Capability#WRITE}.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    /**
     * Fails unless the backend holds no object and nothing leaked; see {@code StoreTckEnvironment#assertEmpty}.
     *
     * @param store a store the environment created
     * @throws Exception if the environment fails; the test fails
     */
    void assertEmpty(Store store) throws Exception;

    /**
     * Puts an object in behind {@code store} and returns the location {@code store} reads it by
     * (through the proxy). The default adds through the store.
     *
     * @param store a store the environment created
     * @param id the id
     * @param data the bytes, read to the end
     * @param size the size in bytes
     * @return the seed
     * @throws Exception if the environment fails; the test fails
     */
    default Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        return store.add(id, data, AddOptions.builder().expectedSize(size).build()).location();
    }

    /**
     * Removes an object the suite put in; the default deletes through the store.
     *
     * @param store a store the environment created
     * @param location the location
     * @throws Exception if the environment fails; the test fails
     */
    default void remove(Store store, Location location) throws Exception {
        store.delete(location);
    }

    /**
     * The size of the objects the suite moves; the default is 1 MiB + 1 byte.
     *
     * @return the size in bytes
     */
    default long objectSize() {
        return 1024L * 1024 + 1;
    }

    /**
     * The bandwidth of the throttled tests; the default is 8 MiB/s.
     *
     * @return the rate in bytes per second
     */
    default long throttledBytesPerSecond() {
        return 8L * 1024 * 1024;
    }

    /**
     * How long a stalled operation may take before the suite calls it a hang (a guard, not
     * a speed test: the store's own timeouts and retries must end it well before). The
     * default is 60 seconds.
     *
     * @return the longest a test may wait
     */
    default Duration hangGuard() {
        return Duration.ofSeconds(60);
    }

    /** Stops what the environment started. The default does nothing. */
    @Override
    default void close() throws Exception {}
}
