package io.stowage.http;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.Store;
import io.stowage.tck.net.NetworkFaultTckEnvironment;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The HTTP store behind the TCK's TCP fault proxy: objects are files the real server serves,
 * and their locations name the proxy, which the store is allowed to reach (and nothing else).
 * Read timeout 500 ms and 2 retries, so that a stall fails in seconds.
 */
final class HttpNetworkFaultTckEnvironment implements NetworkFaultTckEnvironment {
    private final ServedDirectory server;
    private volatile InetSocketAddress endpoint;

    HttpNetworkFaultTckEnvironment(ServedDirectory server) {
        this.server = requireNonNull(server, "server is null");
    }

    @Override
    public InetSocketAddress serverAddress() {
        return new InetSocketAddress(server.base().getHost(), server.base().getPort());
    }

    @Override
    public Store createStore(InetSocketAddress endpoint) throws Exception {
        this.endpoint = endpoint;
        return new HttpStoreProvider().create("fault-http", TestConfigs.fast(
                "allowedHosts", List.of("127.0.0.1:" + endpoint.getPort()),
                "readTimeoutMillis", 500,
                "connectTimeoutMillis", 500,
                "retries", 2));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ, Capability.RANGE_READ);
    }

    @Override
    public void assertEmpty(Store store) throws Exception {
        try (Stream<Path> files = Files.list(server.root())) {
            assertThat(files.toList()).as("files left in the served directory").isEmpty();
        }
        assertThat(((HttpStore) store).leasedConnections()).as("connections held by streams not closed").isZero();
    }

    @Override
    public Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        Path temp = Files.createTempFile(server.root().getParent(), "seed-", ".part");
        Files.copy(data, temp, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(temp)).isEqualTo(size);
        Files.move(temp, server.root().resolve(id.value()), StandardCopyOption.ATOMIC_MOVE);
        return Location.of(URI.create("http://127.0.0.1:" + endpoint.getPort() + "/" + id.value()));
    }

    @Override
    public void remove(Store store, Location location) throws Exception {
        try {
            Files.delete(server.root().resolve(Path.of(location.uri().getPath()).getFileName().toString()));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
