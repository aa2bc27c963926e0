package io.stowage.file;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes the entries of a directory (a new link, a removed name) durable. */
final class DirectorySync {
    private DirectorySync() {}

    /**
     * fsyncs {@code dir}. Where a directory cannot be opened as a channel at all (Windows, some
     * in-memory filesystems) there is nothing to sync and this does nothing; a failing sync of
     * an opened directory is an error.
     */
    static void sync(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Like {@link #sync}, for a step that must finish once it has begun (the name it makes
     * durable is already visible): an interrupt of the calling thread does not stop it (a sync
     * the interrupt cut short runs again) and is set again when this returns or throws.
     */
    static void syncThroughInterrupts(Path dir) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    sync(dir);
                    return;
                } catch (ClosedByInterruptException e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
