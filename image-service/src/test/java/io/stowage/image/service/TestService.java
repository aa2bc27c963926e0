package io.stowage.image.service;

import io.stowage.InvalidConfigurationException;
import io.stowage.StoreException;
import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.registry.ImageRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An image service for a test, on loopback and a free port, over a temp dir: file stores
 * {@code local} (the default) and {@code fast}, a {@code flaky} memory store whose faults the test
 * injects, and a read-only memory store {@code ro}; the SQLite registry in the temp dir.
 */
public final class TestService implements AutoCloseable {
    private final Path dir;
    private final String namespace = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
    private final ImageServiceConfig settings;
    private ImageService service;

    private TestService(Path dir, ImageServiceConfig settings) {
        this.dir = dir;
        this.settings = settings;
    }

    public static TestService start(Path dir) throws StoreException {
        return start(dir, builder -> builder);
    }

    /** Starts with the defaults changed by {@code settings} (listen and registry are set here). */
    public static TestService start(Path dir, UnaryOperator<ImageServiceConfig.Builder> settings) throws StoreException {
        ImageServiceConfig config = settings.apply(ImageServiceConfig.builder()
                .listen("127.0.0.1:0")
                .registry("jdbc:sqlite:" + dir.resolve("images.db"))).build();
        TestService test = new TestService(dir, config);
        test.service = ImageService.start(config, io.stowage.core.StoreRegistry.build(test.storesConfig()));
        return test;
    }

    private StowageConfig storesConfig() throws InvalidConfigurationException {
        return StowageConfig.parse("""
                default: local
                stores:
                  local: { type: file, dirs: ["%s"] }
                  fast: { type: file, dirs: ["%s"] }
                  flaky: { type: faulty-memory, namespace: %s }
                  ro: { type: memory, capabilities: [READ] }
                """.formatted(dir.resolve("local"), dir.resolve("fast"), namespace), name -> null);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    public int port() {
        return service.port();
    }

    /** The test's flaky store. */
    public FaultyMemoryStoreProvider.Created flaky() {
        return FaultyMemoryStoreProvider.store(namespace);
    }

    /** Every file in the data dirs of the file stores (objects and temp files alike). */
    public List<Path> storedFiles() {
        try (Stream<Path> local = Files.list(dir.resolve("local")); Stream<Path> fast = Files.list(dir.resolve("fast"))) {
            return Stream.concat(local, fast).filter(path -> !path.getFileName().toString().startsWith(".stowage")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service gracefully. */
    public void stop() throws IOException {
        service.close();
    }

    /** The registry, opened directly (after {@link #stop}). */
    public ImageRegistry openRegistry() throws InvalidConfigurationException {
        return ImageRegistry.open(settings.registry(), Clock.systemUTC());
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
