package com.example.stowage.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.tck.OpenFiles;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The directory store as the TCK sees it: a fresh temp directory, looked into directly. */
final class DirectoryStoreTckEnvironment implements StoreTckEnvironment {
    private final Path root;

    DirectoryStoreTckEnvironment() throws IOException {
        root = Files.createTempDirectory("directory-store-tck").toRealPath();
    }

    /** Every call opens another store on the same directory, as a second process would. */
    @Override
    public Store createStore() throws Exception {
        return new DirectoryStoreProvider().create("tck", Settings.of("store 'tck'", Map.of("path", root.toString())));
    }

    @Override
    public StoreProfile profile() {
        return StoreProfile.READ_WRITE;
    }

    /** No file in the directory: no object, no temp file. */
    @Override
    public void assertEmpty(Store store) throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).toList()).as("files in %s", root).isEmpty();
        }
    }

    /** The files of the directory this process holds open (from /proc/self/fd). */
    @Override
    public long openResources(Store store) throws IOException {
        return OpenFiles.under(root).size();
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
