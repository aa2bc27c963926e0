package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that it appears complete or not at all: the data goes to a hidden temp
 * file beside the target, which is fsynced and then renamed over the target. When the
 * writer fails the temp file is removed and the target is left as it was; a shutdown hook
 * removes it too when the process is stopped (Ctrl-C, SIGTERM) mid-write.
 */
final class AtomicOutputFile {
    /** Writes the whole content into the stream it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutputFile() {}

    static void write(Path target, Content content) throws IOException {
        requireNonNull(content, "content is null");
        Path absolute = requireNonNull(target, "target is null").toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
        Thread cleanup = new Thread(() -> deleteQuietly(temp), "stowage-remove-partial-output");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        } finally {
            removeHook(cleanup);
        }
        syncDirectory(directory);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook is running or has run
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // nothing more can be done while the JVM stops
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // some filesystems cannot sync a directory; the rename has happened
        }
    }
}
