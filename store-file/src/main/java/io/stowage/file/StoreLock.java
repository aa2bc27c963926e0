package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.support.AtomicFile;
import io.stowage.support.FileLockUnavailableException;
import java.io.Closeable;
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
 * under it (it is the {@link AtomicFile.PublishLock} of the store's exclusive publishes). The
 * lock file ({@value #FILE_NAME}) holds no data and is never removed; its {@code ~} keeps it
 * apart from every object id. Where the filesystem gives no lock, {@link #acquire} fails.
 */
final class StoreLock implements AtomicFile.PublishLock {
    static final String FILE_NAME = ".stowage~lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;

    StoreLock(Path dir) {
        this.file = requireNonNull(dir, "dir is null").resolve(FILE_NAME);
    }

    /**
     * Takes the lock, waiting for it; closing what this returns releases it.
     *
     * @throws FileLockUnavailableException if the filesystem gives no lock on the lock file
     * @throws InterruptedIOException if the thread is interrupted while it waits
     */
    @Override
    public Closeable acquire() throws IOException {
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, key -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the store lock " + file);
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            try {
                lockAcrossProcesses(channel);
            } catch (IOException | RuntimeException | Error e) {
                closeAfterFailure(channel, e);
                throw e;
            }
            return () -> {
                try {
                    channel.close();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    /**
     * Takes the lock on the lock file, released when the channel closes. A filesystem that
     * answers with an error instead of a lock fails the acquire: going on with only this JVM's
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

    private static void closeAfterFailure(FileChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
