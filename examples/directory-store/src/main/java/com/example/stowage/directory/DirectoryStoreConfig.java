package com.example.stowage.directory;

/**
 * Config of a directory store: {@code { type: directory, path: /var/lib/images }}.
 *
 * @param path the directory that holds the objects, one file per id; created when missing
 */
public record DirectoryStoreConfig(String path) {
    public DirectoryStoreConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("key 'path' is required");
        }
    }
}
