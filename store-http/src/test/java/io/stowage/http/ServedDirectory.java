package io.stowage.http;

import java.net.URI;
import java.nio.file.Path;

/** A directory a real HTTP server (Jetty, nginx) serves on loopback, for the tests. */
interface ServedDirectory extends AutoCloseable {
    /** The directory served. */
    Path root();

    /** The URL of the root, ending in {@code /}. */
    URI base();

    /** The URL of a file in the root. */
    default URI uri(String name) {
        return base().resolve(name);
    }

    @Override
    void close() throws Exception;
}
