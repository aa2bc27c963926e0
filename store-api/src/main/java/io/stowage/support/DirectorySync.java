package io.stowage.support;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forces a directory's entries to the device: see {@link AtomicFile#syncDirectory}. */
final class DirectorySync {
    private DirectorySync() {}

    /** A sync that an interrupt does not stop (a sync it cut short runs again); the interrupt is set again at the end. */
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

    /** Where a directory cannot be opened as a channel there is nothing to force; a failing force of an opened one throws. */
    private static void sync(Path dir) throws IOException {
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
}
