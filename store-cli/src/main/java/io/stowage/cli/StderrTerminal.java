package io.stowage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process's stderr is a terminal. Java 17 has no direct test for one stream
 * ({@code System.console()} needs stdin and stdout too, and {@code get} usually writes to a
 * pipe), so on Linux the file behind descriptor 2 is looked at.
 */
final class StderrTerminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private StderrTerminal() {}

    static boolean isTerminal() {
        if (Files.isSymbolicLink(STDERR_LINK)) {
            try {
                String target = Files.readSymbolicLink(STDERR_LINK).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
