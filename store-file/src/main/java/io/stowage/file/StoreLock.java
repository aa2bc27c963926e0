package io.stowage.file;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A short critical section shared by every store over the same data dirs, in this JVM (a
 * lock per lock file) and across processes (an exclusive lock on the lock file). Only the
 * publish step of a store with several dirs, or on a filesystem without hard links, runs
 * under it. The lock file ({@value #FILE_NAME}) holds no data and is never removed; its
 * {@code ~} keeps it apart from every object id. Where the filesystem gives no lock, the
 * action does not run: see {@link #holding}.
 */
final class StoreLock {
    static final String FILE_NAME = ".stowage~lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    /** What runs under the lock. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws IOException;
    }

    private final Path file;

    StoreLock(Path dir) {
        this.file = requireNonNull(dir, "dir is null").resolve(FILE_NAME);
    }

    /**
     * Runs {@code action} holding the lock.
     *
     * @throws FileLockUnavailableException if the filesystem gives no lock on the lock file
     * @throws InterruptedIOException if the thread is interrupted while it waits
     */
    <T> T holding(Action<T> action) throws IOException {
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, key -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the store lock " + file);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            lockAcrossProcesses(channel);
            return action.run();
        } finally {
            local.unlock();
        }
    }

    /**
     * Takes the lock on the lock file, released when the channel closes. A filesystem that
     * answers with an error instead of a lock fails the action: going on with only this JVM's
     * lock would let an add in another process pass the same check.
     */
    private void lockAcrossProcesses(FileChannel channel) throws IOException {
        try {
            channel.lock();
        } catch (FileLockInterruptionException e) {
            throw e; // an interrupt, not a missing lock
        } catch (UnsupportedOperationException | OverlappingFileLockException | IOException e) {
            throw new FileLockUnavailableException(file, e);
        }
    }
}
