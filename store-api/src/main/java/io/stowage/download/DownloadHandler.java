package io.stowage.download;

import io.stowage.Location;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Copies the object at a location straight from where it lives to a local file, the way
 * Nova's direct-download handlers do. Created by a {@link DownloadHandlerProvider} and used
 * by the direct downloader ({@code io.stowage.core.download.DirectDownloader}), which decides
 * which locations a handler may see,
 * verifies what it wrote and publishes the file atomically. A handler therefore only
 * copies bytes; it never has to clean up or rename.
 */
public interface DownloadHandler extends Closeable {
    /**
     * Writes the whole object at {@code location} into {@code target}, an existing empty
     * file owned by the caller (it may be written sequentially or at random offsets).
     * Throws if the object cannot be copied completely; the caller deletes the file.
     * Messages name the redacted location and hold no credential.
     *
     * @param location the object to copy
     * @param target the file to write it into
     * @throws IOException if the object cannot be copied completely
     */
    void download(Location location, Path target) throws IOException;

    @Override
    default void close() throws IOException {}
}
