package io.stowage.http;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.download.DownloadHandler;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The http download handler as the TCK sees it: objects are files a real server serves; the
 * handler must refuse what its host rules refuse (only loopback locations are used).
 */
final class HttpDownloadHandlerTckEnvironment implements DownloadHandlerTckEnvironment {
    private final ServedDirectory server;
    private final HttpStoreConfig config;
    private HttpDownloadHandler handler;

    HttpDownloadHandlerTckEnvironment(ServedDirectory server, HttpStoreConfig config) {
        this.server = requireNonNull(server, "server is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** A handler that may read from the server's address and port only, and denies the name "localhost". */
    static HttpDownloadHandlerTckEnvironment of(ServedDirectory server) {
        return new HttpDownloadHandlerTckEnvironment(server, TestConfigs.fast(
                "allowedHosts", List.of(server.base().getHost() + ":" + server.base().getPort(), "localhost"),
                "deniedHosts", List.of("localhost")));
    }

    @Override
    public DownloadHandler createHandler() throws Exception {
        HttpDownloadHandler created = (HttpDownloadHandler) new HttpDownloadHandlerProvider().create(config);
        if (handler == null) {
            handler = created; // the suite's handler; later ones are the closing test's
        }
        return created;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public Location put(ObjectId id, InputStream data, long size) throws Exception {
        Path temp = Files.createTempFile(server.root().getParent(), "put-", ".part");
        Files.copy(data, temp, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(temp)).isEqualTo(size);
        Files.move(temp, server.root().resolve(id.value()), StandardCopyOption.ATOMIC_MOVE);
        return Location.of(server.uri(id.value()));
    }

    @Override
    public void remove(Location location) throws Exception {
        String name = Path.of(location.uri().getPath()).getFileName().toString();
        try {
            Files.delete(server.root().resolve(name));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    /** Loopback locations the rules refuse: a denied name of the server and a port not allowed. */
    @Override
    public List<Location> refused(Location existing) {
        String path = existing.uri().getPath();
        return List.of(
                Location.of(URI.create("http://localhost:" + existing.uri().getPort() + path)),
                Location.of(URI.create("http://127.0.0.1:" + (existing.uri().getPort() + 1) + path)));
    }

    @Override
    public void assertNothingLeaked() throws Exception {
        try (Stream<Path> files = Files.list(server.root())) {
            assertThat(files.toList()).as("files left in the served directory").isEmpty();
        }
        if (handler != null) {
            assertThat(handler.leasedConnections()).as("connections held after downloads").isZero();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
