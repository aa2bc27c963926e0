package io.stowage.cli;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.InvalidConfigurationException;
import io.stowage.IntegrityException;
import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.NotSupportedException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectNotFoundException;
import io.stowage.SizeLimitExceededException;
import io.stowage.StorageFullException;
import io.stowage.image.client.ImageRequestRefusedException;

/**
 * The exit status of {@code stowage}, one per kind of outcome, so that scripts can tell a
 * missing object from a refused location without reading the message.
 */
public enum ExitCode {
    /** The command did what it was asked. */
    OK(0),
    /** Anything not listed below: a bug, an I/O error outside the stores, a closed stdout. */
    UNEXPECTED(1),
    /** Bad command line or configuration (unknown option, unknown store type or key, bad range). */
    USAGE(2),
    /** No object at the location. */
    NOT_FOUND(3),
    /** The id is taken; the object that holds it is untouched. */
    ALREADY_EXISTS(4),
    /** The store is full or the data passed a size limit; nothing was stored. */
    STORAGE_FULL(5),
    /** The store cannot do this (no such capability). */
    NOT_SUPPORTED(6),
    /**
     * The location or id is malformed or refused (outside every store, unknown scheme, access
     * denied); for {@code image} commands, a request the image API refused (400, 401, 403, 415).
     */
    REFUSED(7),
    /** The data is not what was expected: size or checksum mismatch, truncated read. */
    INTEGRITY(8),
    /** The backend could not be reached, also after retries. */
    UNAVAILABLE(9);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** {@return the process exit status} */
    public int code() {
        return code;
    }

    /**
     * The exit code for a failure.
     *
     * @param failure what the command threw
     * @return the code of its kind in the Stowage error family, {@link #UNEXPECTED} for anything else
     */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof InvalidConfigurationException || failure instanceof InvalidRangeException) {
            return USAGE;
        }
        if (failure instanceof ObjectNotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof ObjectAlreadyExistsException) {
            return ALREADY_EXISTS;
        }
        if (failure instanceof StorageFullException || failure instanceof SizeLimitExceededException) {
            return STORAGE_FULL;
        }
        if (failure instanceof NotSupportedException) {
            return NOT_SUPPORTED;
        }
        if (failure instanceof InvalidLocationException || failure instanceof InvalidIdException
                || failure instanceof PermissionDeniedException || failure instanceof ImageRequestRefusedException) {
            return REFUSED;
        }
        if (failure instanceof IntegrityException) {
            return INTEGRITY;
        }
        if (failure instanceof BackendUnavailableException) {
            return UNAVAILABLE;
        }
        return UNEXPECTED;
    }
}
