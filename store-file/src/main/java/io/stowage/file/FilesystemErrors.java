package io.stowage.file;

import io.stowage.PermissionDeniedException;
import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.OperationInterruptedException;
import io.stowage.StorageFullException;
import io.stowage.StoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileLockInterruptionException;
import java.util.List;
import java.util.Locale;

/** Turns what a filesystem threw into the Stowage error that says what went wrong. */
final class FilesystemErrors {
    /** How {@code ENOSPC}/{@code EDQUOT} read on Linux, macOS, Windows and Jimfs. */
    private static final List<String> OUT_OF_SPACE = List.of("no space left", "disk quota exceeded",
            "not enough space", "out of disk space");

    private FilesystemErrors() {}

    /**
     * @param action what failed, naming the object, e.g. "Writing object 'abc' to data dir /x of store 'local'"
     * @param dir the dir written to, asked for its free space when the message is not telling
     * @param roomNeeded below this many free bytes a failed write counts as out of space
     */
    static StoreException writeFailure(String action, DataDir dir, Throwable cause, long roomNeeded) {
        if (!isInterrupt(cause) && isOutOfSpace(cause, dir, roomNeeded)) {
            return new StorageFullException(action + " failed: no space left in " + dir, cause);
        }
        return readFailure(action, cause);
    }

    /** A failure writing somewhere other than a data dir (a download target): out of space only when the message says so. */
    static StoreException copyFailure(String action, Throwable cause) {
        if (!isInterrupt(cause) && mentionsOutOfSpace(cause)) {
            return new StorageFullException(action + " failed: no space left", cause);
        }
        return readFailure(action, cause);
    }

    static ObjectNotFoundException notFound(Location location) {
        return new ObjectNotFoundException("Object not found: " + location);
    }

    /** A failure where running out of space is not the question. */
    static StoreException readFailure(String action, Throwable cause) {
        if (cause instanceof StoreException storeException) {
            return storeException;
        }
        if (isInterrupt(cause)) {
            return interrupted(action, cause);
        }
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return new PermissionDeniedException(action + " failed: permission denied", cause);
        }
        return new StoreException(action + " failed: " + cause, cause);
    }

    /**
     * The calling thread was interrupted during {@code action}: the error every store reports
     * for that, with the thread's interrupt status set again (a channel that noticed the
     * interrupt keeps it set, a lock wait clears it).
     */
    static OperationInterruptedException interrupted(String action, Throwable cause) {
        Thread.currentThread().interrupt();
        return new OperationInterruptedException(action + " was interrupted", cause);
    }

    /**
     * Whether {@code cause} is how the JDK reports an interrupt of the calling thread: a
     * channel closed by it, a lock wait or a blocking I/O call it ended.
     */
    static boolean isInterrupt(Throwable cause) {
        return cause instanceof ClosedByInterruptException || cause instanceof FileLockInterruptionException
                || (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException));
    }

    static boolean isOutOfSpace(Throwable cause, DataDir dir, long roomNeeded) {
        if (mentionsOutOfSpace(cause)) {
            return true;
        }
        // The message may be localised: ask the filesystem instead.
        try {
            return cause instanceof IOException && dir.usableSpace() < roomNeeded;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean mentionsOutOfSpace(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (OUT_OF_SPACE.stream().anyMatch(lower::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
