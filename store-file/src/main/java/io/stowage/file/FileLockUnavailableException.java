package io.stowage.file;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The filesystem answered a lock request on {@code file} with an error instead of a lock: it
 * has no lock support (some FUSE mounts), or no working lock manager ({@code ENOLCK} on an NFS
 * mount without {@code lockd}). The store then cannot keep its writers apart from those of
 * other processes, and refuses what needs the lock rather than going on without it.
 */
final class FileLockUnavailableException extends IOException {
    FileLockUnavailableException(Path file, Throwable cause) {
        super("the filesystem gives no working lock on " + file + " (" + describe(cause) + ")", cause);
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
