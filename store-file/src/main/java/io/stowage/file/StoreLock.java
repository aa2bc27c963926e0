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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short critical section shared by every store over the same data dirs, in this JVM (a
 * lock per lock file) and across processes (an exclusive lock on the lock file). Only the
 * publish step of a store with several dirs, or on a filesystem without hard links, runs
 * under it. The lock file ({@value #FILE_NAME}) holds no data and is never removed; its
 * {@code ~} keeps it apart from every object id.
 */
final class StoreLock {
    static final String FILE_NAME = ".stowage~lock";
    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
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

    private void lockAcrossProcesses(FileChannel channel) throws IOException {
        try {
            channel.lock(); // released when the channel closes
        } catch (FileLockInterruptionException e) {
            InterruptedIOException interrupted = new InterruptedIOException("Interrupted while locking " + file);
            interrupted.initCause(e);
            throw interrupted;
        } catch (UnsupportedOperationException | OverlappingFileLockException | IOException e) {
            LOG.debug("No cross-process lock on {} ({}); only adds in this JVM are kept apart", file, e.toString());
        }
    }
}
