package io.stowage.file;

import io.stowage.AccessDeniedException;
import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.StorageFullException;
import io.stowage.StoreException;
import java.io.IOException;
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
        if (isOutOfSpace(cause, dir, roomNeeded)) {
            return new StorageFullException(action + " failed: no space left in " + dir, cause);
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
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return new AccessDeniedException(action + " failed: permission denied", cause);
        }
        return new StoreException(action + " failed: " + cause, cause);
    }

    static boolean isOutOfSpace(Throwable cause, DataDir dir, long roomNeeded) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (OUT_OF_SPACE.stream().anyMatch(lower::contains)) {
                    return true;
                }
            }
        }
        // The message may be localised: ask the filesystem instead.
        try {
            return cause instanceof IOException && dir.usableSpace() < roomNeeded;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
