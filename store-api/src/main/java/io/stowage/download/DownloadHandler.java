package io.stowage.download;

import io.stowage.Location;
import io.stowage.integrity.ContentExpectation;
import io.stowage.integrity.VerifiedContent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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
     * file owned by the caller (it may be written sequentially or at random offsets). The file is
     * written in place: a handler never replaces, renames or deletes it (the caller forces and
     * publishes the file it created through its own handle, so a file moved or copied over it
     * would be published without reaching the device).
     * Throws if the object cannot be copied completely; the caller deletes the file.
     * Messages name the redacted location and hold no credential.
     *
     * @param location the object to copy
     * @param target the file to write it into
     * @throws IOException if the object cannot be copied completely
     */
    void download(Location location, Path target) throws IOException;

    /**
     * Copies like {@link #download(Location, Path)}, held to {@code expectation}. A handler that
     * learns the object's size before copying refuses a size other than the expected one at once
     * ({@link ContentExpectation#checkSize}), without copying. A handler that sees the bytes in
     * order as it writes them may also verify them on the way ({@link ContentExpectation#verifier})
     * and return what it verified, which spares the caller reading the file back; a mismatch is an
     * {@link io.stowage.IntegrityException} and the caller deletes the file.
     *
     * <p>The default copies with {@link #download(Location, Path)} and verifies nothing.
     *
     * @param location the object to copy
     * @param target the file to write, which exists and is empty
     * @param expectation what the copy must be, and the checksums to compute
     * @return the verified size and checksums of the bytes written, or empty when this handler did
     *     not verify them and the caller must
     * @throws io.stowage.IntegrityException if the copy is not what {@code expectation} says
     * @throws IOException if the copy failed
     */
    default Optional<VerifiedContent> download(Location location, Path target, ContentExpectation expectation)
            throws IOException {
        download(location, target);
        return Optional.empty();
    }

    @Override
    default void close() throws IOException {}
}
