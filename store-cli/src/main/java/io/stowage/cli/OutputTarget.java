package io.stowage.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Checks an {@code -o FILE} before any data moves, so that a typo is a usage error, not a failed transfer. */
final class OutputTarget {
    private OutputTarget() {}

    static void check(CommandSpec spec, Path output) {
        Path absolute = output.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw StowageCommand.usage(spec, "Cannot write " + output + ": directory " + directory + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw StowageCommand.usage(spec, "Cannot write " + output + ": it is a directory");
        }
    }
}
