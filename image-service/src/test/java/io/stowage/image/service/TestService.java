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
    private final String extraStores;
    private ImageService service;

    private TestService(Path dir, ImageServiceConfig settings, String extraStores) {
        this.dir = dir;
        this.settings = settings;
        this.extraStores = extraStores;
    }

    public static TestService start(Path dir) throws StoreException {
        return start(dir, builder -> builder);
    }

    /** Starts with the defaults changed by {@code settings} (listen and registry are set here). */
    public static TestService start(Path dir, UnaryOperator<ImageServiceConfig.Builder> settings) throws StoreException {
        return start(dir, settings, "");
    }

    /**
     * Starts with the defaults changed by {@code settings} and more stores: {@code extraStores}
     * holds lines of the {@code stores} section ({@code "  web: { type: http }\n"}).
     */
    public static TestService start(Path dir, UnaryOperator<ImageServiceConfig.Builder> settings, String extraStores)
            throws StoreException {
        ImageServiceConfig config = settings.apply(ImageServiceConfig.builder()
                .listen("127.0.0.1:0")
                .registry("jdbc:sqlite:" + dir.resolve("images.db"))).build();
        TestService test = new TestService(dir, config, extraStores);
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
                """.formatted(dir.resolve("local"), dir.resolve("fast"), namespace) + extraStores, name -> null);
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

    /**
     * Writes an object straight into one of the test's file stores ({@code local} or {@code fast}),
     * beside the service (a second instance of the store over the same dirs), and returns its location URL.
     */
    public String putObject(String store, String id, byte[] data) throws IOException {
        try (io.stowage.core.StoreRegistry stores = io.stowage.core.StoreRegistry.build(storesConfig())) {
            return stores.add(store, io.stowage.ObjectId.of(id), new java.io.ByteArrayInputStream(data),
                    io.stowage.AddOptions.builder().build()).location().url();
        }
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
