package com.example.stowage.directory;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;

/** Config of a directory store: {@code { type: directory, path: /var/lib/images }}. */
final class DirectoryStoreConfig {
    private final String path;

    private DirectoryStoreConfig(String path) {
        this.path = path;
    }

    /** The directory that holds the objects, one file per id; created when missing. */
    String path() {
        return path;
    }

    static DirectoryStoreConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys("path");
        return new DirectoryStoreConfig(settings.requiredString("path"));
    }
}
