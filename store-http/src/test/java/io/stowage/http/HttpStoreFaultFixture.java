package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store against a {@link MisbehavingServer}, for the fault tests: a fresh server and store
 * per test, and no connection may still be held when a test ends.
 */
abstract class HttpStoreFaultFixture {
    static final byte[] DATA = bytes(200_000, 1);
    static final byte[] OTHER = bytes(200_000, 2);
    static final int RETRIES = 3;

    MisbehavingServer server;
    HttpStore store;

    @BeforeEach
    void start() throws IOException {
        server = MisbehavingServer.start();
        store = store(TestConfigs.fast("retries", RETRIES));
    }

    @AfterEach
    void stop() throws IOException {
        try {
            assertThat(store.leasedConnections()).as("connections still held").isZero();
        } finally {
            store.close();
            server.close();
        }
    }

    Location location(String path) {
        return Location.of(server.uri(path));
    }

    byte[] readAll(Location location) throws IOException {
        try (ObjectStream stream = store.get(location)) {
            return stream.readAllBytes();
        }
    }

    static HttpStore store(HttpStoreConfig config) throws StoreException {
        return new HttpStore("web", config);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
