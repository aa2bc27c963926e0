package io.stowage.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A hidden temp file beside the target that becomes the target only once it is complete:
 * fsynced, then renamed over it atomically, then the directory fsynced. Until
 * {@link #publish()} the target is untouched; {@link #discard()} removes the temp file.
 */
final class AtomicTarget {
    private final Path target;
    private final Path temp;
    /** Whether the temp file's current content has reached the device (see {@link #synced()}). */
    private boolean synced;

    private AtomicTarget(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    static AtomicTarget create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".part");
        return new AtomicTarget(absolute, temp);
    }

    Path temp() {
        return temp;
    }

    /** Empties the temp file for the next attempt. */
    void reset() throws IOException {
        synced = false;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    /** Records that the temp file's content was forced to the device since it was last written. */
    void synced() {
        synced = true;
    }

    /** Forces the temp file to the device unless that was done already, renames it over the target, syncs the dir. */
    void publish() throws IOException {
        if (!synced) {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    void discard(Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // Some filesystems cannot open or sync a directory; the rename itself has happened.
        }
    }
}
