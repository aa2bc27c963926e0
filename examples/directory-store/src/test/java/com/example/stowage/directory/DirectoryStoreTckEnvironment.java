package com.example.stowage.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Capability;
import io.stowage.Store;
import io.stowage.tck.StoreTckEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The directory store as the TCK sees it: a fresh temp directory, looked into directly. */
final class DirectoryStoreTckEnvironment implements StoreTckEnvironment {
    private final Path root;

    DirectoryStoreTckEnvironment() throws IOException {
        root = Files.createTempDirectory("directory-store-tck").toRealPath();
    }

    @Override
    public Store createStore() throws Exception {
        return new DirectoryStoreProvider().create("tck", new DirectoryStoreConfig(root.toString()));
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /** No file (temp files included) in the directory, and no file of it open in this process. */
    @Override
    public void assertEmpty(Store store) throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).toList()).as("files in %s", root).isEmpty();
        }
        assertThat(openFilesUnder(root)).as("open files under %s", root).isEmpty();
    }

    /** The files under {@code dir} this process holds open, from /proc/self/fd (Linux). */
    private static List<String> openFilesUnder(Path dir) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        List<String> open = new ArrayList<>();
        if (!Files.isDirectory(fds)) {
            return open; // not Linux: the listing above is the only check
        }
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    Path file = Files.readSymbolicLink(link);
                    if (file.startsWith(dir)) {
                        open.add(file.toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listing
                }
            }
        }
        return open;
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
