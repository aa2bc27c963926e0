package io.stowage.image.service.nodes;

import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.RegistryCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Registries for the tests that run on both databases: SQLite in the test's dir, or a fresh database of the shared PostgreSQL. */
final class TestRegistries {
    private TestRegistries() {}

    /** A new registry URL of {@code kind} ({@code sqlite} or {@code postgresql}). */
    static String url(String kind, Path dir) {
        return kind.equals("postgresql") ? SharedPostgres.server().createDatabase() : "jdbc:sqlite:" + dir.resolve("images.db");
    }

    /** Opens the registry at {@code url} (another pool each time, as another node has). */
    static ImageRegistry open(String url, Clock clock, Duration lease, long quota) throws Exception {
        RegistryCredentials credentials = url.startsWith("jdbc:postgresql:")
                ? new RegistryCredentials(Optional.of(SharedPostgres.server().user()), Optional.empty())
                : RegistryCredentials.NONE;
        return ImageRegistry.open(url, credentials, clock, lease, quota);
    }
}
