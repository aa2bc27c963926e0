package io.stowage.tck;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files this process holds open, as Linux lists them in {@code /proc/self/fd}: the TCK's
 * leak checks on the real filesystem (a download handler's target directory, a file-based
 * backend's data directory) and a tool for environments counting their store's open files.
 * A file deleted while open is still listed (its name ends with {@code " (deleted)"}).
 *
 * <p>Where {@code /proc/self/fd} does not exist the checks cannot run, and every method
 * fails with {@link IllegalStateException} rather than report nothing open.
 */
public final class OpenFiles {
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

    private OpenFiles() {}

    /**
     * The files under {@code dir} (which must exist) that this process holds open, one entry per descriptor.
     *
     * @param dir a directory
     * @return the open files, their paths
     * @throws IOException if reading fails
     */
    public static List<Path> under(Path dir) throws IOException {
        requireNonNull(dir, "dir is null");
        if (!Files.isDirectory(DESCRIPTORS)) {
            throw new IllegalStateException("Cannot list the open files of this process: no " + DESCRIPTORS
                    + " (the TCK's leak checks need Linux)");
        }
        Path realDir = dir.toRealPath();
        List<Path> open = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(DESCRIPTORS)) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    Path file = Files.readSymbolicLink(descriptor);
                    if (file.startsWith(realDir)) {
                        open.add(file);
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the listing itself, or one closed since the listing
                }
            }
        }
        return open;
    }
}
