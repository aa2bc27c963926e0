package io.stowage.support;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The filesystem answered a lock request on a file with an error instead of a lock: it has no
 * lock support (some FUSE mounts), or no working lock manager ({@code ENOLCK} on an NFS mount
 * without {@code lockd}). Writers of other processes then cannot be kept apart, so what needs
 * the lock is refused rather than run without it.
 */
public final class FileLockUnavailableException extends IOException {
    /**
     * @param file the file that could not be locked
     * @param cause what the lock request threw
     */
    public FileLockUnavailableException(Path file, Throwable cause) {
        super("the filesystem gives no working lock on " + file + " (" + describe(cause) + ")", cause);
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
