package io.stowage.core.download;

import java.io.IOException;
import java.io.InputStream;

/** The read used when no candidate could be downloaded directly, typically through the store registry. */
@FunctionalInterface
public interface Fallback {
    /**
     * Opens the whole object; the downloader closes the stream.
     *
     * @return the object's bytes
     * @throws IOException if it cannot be opened
     */
    InputStream open() throws IOException;
}
