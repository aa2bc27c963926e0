package io.stowage.http;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.Store;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HTTP store as the TCK sees it: an origin ({@link StoreProfile#READ_ONLY_ORIGIN}) whose
 * objects are seeded as files into the directory a real server serves, and which the store
 * reads by URL. Empty means no file left in the directory; what the store holds open is the
 * connections leased from its pool.
 */
final class HttpTckEnvironment implements StoreTckEnvironment {
    private final ServedDirectory server;
    private final HttpStoreConfig config;

    HttpTckEnvironment(ServedDirectory server, HttpStoreConfig config) {
        this.server = requireNonNull(server, "server is null");
        this.config = requireNonNull(config, "config is null");
    }

    /**
     * The store may read from the test server only ({@code allowedHosts: [127.0.0.1:PORT]}),
     * so that no location the TCK makes up sends a DNS query or reaches another local service.
     */
    static HttpTckEnvironment of(ServedDirectory server) {
        return new HttpTckEnvironment(server, TestConfigs.fast("allowedHosts",
                List.of(server.base().getHost() + ":" + server.base().getPort())));
    }

    @Override
    public Store createStore() throws Exception {
        return new HttpStoreProvider().create("tck-http", config);
    }

    @Override
    public StoreProfile profile() {
        return StoreProfile.READ_ONLY_ORIGIN;
    }

    @Override
    public void assertEmpty(Store store) throws Exception {
        try (Stream<Path> files = Files.list(server.root())) {
            assertThat(files.toList()).as("files left in the served directory").isEmpty();
        }
    }

    @Override
    public long openResources(Store store) {
        return ((HttpStore) store).leasedConnections();
    }

    @Override
    public Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        Path temp = Files.createTempFile(server.root().getParent(), "seed-", ".part");
        Files.copy(data, temp, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(temp)).as("seeded size of %s", id).isEqualTo(size);
        Files.move(temp, server.root().resolve(id.value()), StandardCopyOption.ATOMIC_MOVE);
        return Location.of(server.uri(id.value()));
    }

    @Override
    public void remove(Store store, Location location) throws Exception {
        String name = Path.of(location.uri().getPath()).getFileName().toString();
        try {
            Files.delete(server.root().resolve(name));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    /**
     * Locations the host rules refuse, all on loopback so that nothing else is ever aimed at:
     * another port and another name of the server (the link-local and metadata defaults are
     * tested as a pure decision in {@link HostRulesTest} and {@link HttpStoreOwnsTest}).
     */
    @Override
    public List<Location> notOwned(Location owned) {
        String path = owned.uri().getPath();
        return List.of(
                Location.of(URI.create("http://127.0.0.1:" + (owned.uri().getPort() + 1) + path)),
                Location.of(URI.create("http://localhost:" + owned.uri().getPort() + path)),
                Location.of(URI.create("http://127.0.0.2:" + owned.uri().getPort() + path)));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
