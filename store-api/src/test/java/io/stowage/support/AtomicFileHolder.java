package io.stowage.support;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link AtomicFileShutdownTest}: creates an {@link AtomicFile} for the
 * target {@code args[0]} (removed at shutdown when {@code args[1]} is {@code removed}), writes
 * into it, prints its temp file's path and waits, never publishing, until it is stopped.
 */
public final class AtomicFileHolder {
    private AtomicFileHolder() {}

    public static void main(String[] args) throws Exception {
        AtomicFileOptions options = args[1].equals("removed")
                ? AtomicFileOptions.builder().removedAtShutdown().build()
                : AtomicFileOptions.defaults();
        AtomicFile file = AtomicFile.create(Path.of(args[0]), options);
        AtomicFileTest.write(file, "partial");
        System.out.println(file.temp());
        System.out.flush();
        while (System.in.read() >= 0) {
            // waits for SIGTERM (or for stdin to close, when the test is gone)
        }
    }
}
