package io.stowage.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Config files for tests, written into a temp dir with absolute paths. */
final class TestConfigs {
    private TestConfigs() {}

    static Path write(Path directory, String name, String text) {
        try {
            Files.createDirectories(directory);
            return Files.writeString(directory.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file store named {@code local} over {@code data}. */
    static Path fileStore(Path directory, Path data) {
        return write(directory, "stowage.yaml", "stores:\n  local: { type: file, dirs: [" + quote(data) + "] }\n");
    }

    /** One memory store named {@code mem} with the given capabilities (YAML list body, e.g. {@code READ}). */
    static Path memoryStore(Path directory, String capabilities) {
        return write(directory, "memory.yaml",
                "stores:\n  mem: { type: memory, capabilities: [" + capabilities + "] }\n");
    }

    static String quote(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
