package io.stowage.support;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file that appears complete or not at all. Its data goes to a temp file beside the target;
 * {@link #publish} forces that file to the device, gives it the target's name in one atomic
 * step (a rename over the target, or, {@linkplain AtomicFileOptions.Builder#exclusive
 * exclusively}, a hard link that fails when the name is taken), then forces the directory so
 * the name survives a crash. Until then the target is untouched, and {@link #close} removes
 * the temp file of a file that was not published, whatever failed.
 *
 * <pre>{@code
 * try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
 *     write(Channels.newOutputStream(file.channel()));
 *     file.publish();
 * }
 * }</pre>
 *
 * <p>The temp file is named {@code <prefix><16 random lower-case hex digits><suffix>} (by
 * default {@code .<at most 200 bytes of the target's name>.<digits>.part}) and created
 * exclusively, without following links. An interrupt of the writing thread ends a write or a
 * force with {@link ClosedByInterruptException} (the file is then left to {@link #close}); once
 * the name is given, an interrupt no longer stops the directory sync, and is kept.
 *
 * <p>One thread writes and publishes; {@link #force} may also run on another thread while the
 * writer only reads the file.
 */
public final class AtomicFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);
    private static final int CREATE_ATTEMPTS = 16;
    private static final int TARGET_NAME_BYTES = 200;

    /**
     * Keeps exclusive publishers of the same names apart while one checks that the names are
     * free and renames its file: in this JVM and in every other process that publishes there.
     */
    @FunctionalInterface
    public interface PublishLock {
        /**
         * Waits for the lock and takes it; closing what this returns releases it.
         *
         * @return the held lock, to close
         * @throws java.io.InterruptedIOException if the thread is interrupted while it waits
         * @throws FileLockUnavailableException if the filesystem gives no lock that works across processes
         */
        Closeable acquire() throws IOException;
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final AtomicFileOptions options;
    private final Optional<Thread> shutdownHook;
    private volatile boolean forced;
    private boolean published;
    private boolean closed;

    private AtomicFile(Path target, Path temp, FileChannel channel, AtomicFileOptions options, Optional<Thread> shutdownHook) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.options = options;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Creates the temp file of {@code target} in the target's directory, open for writing.
     *
     * @param target the file to publish in the end
     * @param options how the temp file is named, created and published
     * @return the atomic file, to close in every case
     * @throws FileLockUnavailableException if the file is to be {@linkplain
     *     AtomicFileOptions.Builder#lockedWhileOpen locked} and the filesystem gives no lock (the file is removed again)
     * @throws IllegalArgumentException if {@code target} has no file name or no parent directory
     */
    public static AtomicFile create(Path target, AtomicFileOptions options) throws IOException {
        requireNonNull(target, "target is null");
        requireNonNull(options, "options is null");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path name = absolute.getFileName();
        if (dir == null || name == null) {
            throw new IllegalArgumentException("Not a file in a directory: " + target);
        }
        String prefix = options.tempPrefix().orElseGet(
                () -> "." + TempFileCreation.leadingBytes(name.toString(), TARGET_NAME_BYTES) + ".");
        FileAttribute<?>[] attributes = TempFileCreation.attributes(dir, options.ownerOnly());
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            Path temp = dir.resolve(prefix + TempFileCreation.randomHex() + options.tempSuffix());
            Optional<Thread> hook = options.removedAtShutdown() ? Optional.of(removalAtShutdown(temp)) : Optional.empty();
            Optional<FileChannel> channel;
            try {
                channel = TempFileCreation.open(temp, options.lockedWhileOpen(), attributes);
            } catch (IOException | RuntimeException | Error e) {
                hook.ifPresent(AtomicFile::unregister);
                throw e;
            }
            if (channel.isPresent()) {
                return new AtomicFile(absolute, temp, channel.get(), options, hook);
            }
            hook.ifPresent(AtomicFile::unregister);
        }
        throw new IOException("Could not create a temp file in " + dir + " after " + CREATE_ATTEMPTS + " attempts");
    }

    /** {@return the temp file, for a writer that opens it by name (it is written in place, never replaced)} */
    public Path temp() {
        return temp;
    }

    /** {@return the temp file's channel, open for writing; {@link #close} and {@link #publish} close it} */
    public FileChannel channel() {
        return channel;
    }

    /**
     * Empties the temp file and rewinds the channel, for another attempt at writing it.
     *
     * @throws IOException if the file cannot be truncated
     */
    public void truncate() throws IOException {
        forced = false;
        channel.truncate(0);
        channel.position(0);
    }

    /**
     * Forces the temp file's content and metadata to the device now. {@link #publish} forces
     * it too unless this completed since the last {@link #truncate}, so nothing may be written
     * after it. May run on a thread of its own while the writer only reads the file.
     *
     * @throws IOException if the device reports a failure
     */
    public void force() throws IOException {
        channel.force(true);
        forced = true;
    }

    /**
     * Forces the temp file to the device (unless {@link #force} did), gives it the target's name
     * atomically (replacing the target, or exclusively as the options say), releases the temp
     * file and forces the directory.
     *
     * @throws java.nio.file.FileAlreadyExistsException if publishing is exclusive and a name it must not take exists;
     *     nothing was changed then
     * @throws IOException if the temp file could not be forced or named: the target is as it was. Or, with
     *     {@link #published()} true, if the directory sync failed after the name was given: the file is in
     *     place, and the exception's cause is what the sync threw
     * @throws IllegalStateException if the file was published or closed already
     */
    public void publish() throws IOException {
        if (published || closed) {
            throw new IllegalStateException((published ? "Already published: " : "Closed: ") + target);
        }
        if (!forced) {
            force();
        }
        Optional<PublishLock> lock = options.exclusiveLock();
        if (lock.isPresent()) {
            ExclusivePublish.publish(temp, target, options.otherNames(), lock.get());
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        published = true;
        release();
        try {
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new IOException(target + " is in place, but forcing its directory to the device failed, so after a"
                    + " crash the name may be lost: " + e, e);
        }
    }

    /** {@return whether {@link #publish} gave the file the target's name (it may still have failed after that)} */
    public boolean published() {
        return published;
    }

    /**
     * After the publish: lets go of the temp file and removes its name, if a hard link left it. Neither
     * failing fails the publish (the file is complete and in place); a leftover name is logged.
     */
    private void release() {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Published {}, but closing its temp file {} failed: {}", target, temp, e.toString());
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Published {}, but cannot remove the second name {} it has: {}", target, temp, e.toString());
        } finally {
            TempFileCreation.unlist(temp);
            shutdownHook.ifPresent(AtomicFile::unregister);
        }
    }

    /** Removes the temp file unless the file was published; the target is never touched. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (published) {
            return;
        }
        IOException failure = null;
        try {
            channel.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            TempFileCreation.unlist(temp);
            shutdownHook.ifPresent(AtomicFile::unregister);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Whether an {@code AtomicFile} of this JVM holds {@code temp} as its temp file now (created,
     * neither published nor closed). A sweep of leftover temp files must not even open such a
     * file: closing any channel of a file releases the process's locks on it.
     *
     * @param temp a file a sweep found
     * @return whether a live {@code AtomicFile} of this JVM holds it
     */
    public static boolean isInUse(Path temp) {
        return TempFileCreation.isListed(temp);
    }

    /**
     * Forces a directory's entries (a new name, a removed one) to the device, as {@link #publish}
     * does. An interrupt does not stop it (a sync the interrupt cut short runs again); the
     * interrupt status is set again when this returns or throws. Where a directory cannot be
     * opened as a channel (Windows, some in-memory filesystems) there is nothing to force and
     * this does nothing; a failing force of an opened directory throws.
     *
     * @param dir the directory
     * @throws IOException if forcing the opened directory fails
     */
    public static void syncDirectory(Path dir) throws IOException {
        DirectorySync.syncThroughInterrupts(dir);
    }

    static boolean exists(Path path) throws IOException {
        try {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Thread removalAtShutdown(Path temp) {
        Thread hook = new Thread(() -> {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                // nothing more can be done while the JVM stops
            }
        }, "stowage-remove-partial-file");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void unregister(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook runs or has run
        }
    }

    @Override
    public String toString() {
        return "AtomicFile[" + target + (published ? ", published" : closed ? ", closed" : "") + "]";
    }
}
