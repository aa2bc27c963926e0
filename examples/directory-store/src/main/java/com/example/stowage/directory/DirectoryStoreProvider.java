package com.example.stowage.directory;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates directory stores, {@code { type: directory, path: /var/lib/images }}; listed in
 * {@code META-INF/services/io.stowage.StoreProvider}.
 */
public final class DirectoryStoreProvider implements StoreProvider {
    @Override
    public String type() {
        return "directory";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(DirectoryStore.SCHEME);
    }

    @Override
    public Store create(String name, Settings settings) throws InvalidConfigurationException {
        settings.checkKeys("path");
        Path root = Path.of(settings.requiredString("path")).toAbsolutePath().normalize();
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw settings.invalid("a directory store's name is the host of its locations; use [a-z0-9-]");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw settings.invalid("path", "names a directory that cannot be created: " + root + " (" + e.getMessage() + ")");
        }
        return new DirectoryStore(name, root);
    }
}
