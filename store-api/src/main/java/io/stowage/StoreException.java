package io.stowage;

import java.io.IOException;

/**
 * Root of the Stowage error family. Every failure a store, the registry or the direct
 * downloader reports on its own account is a subclass of this exception; an
 * {@link IOException} thrown by a caller's source stream is passed through unchanged.
 *
 * <p>Messages name the (redacted) location or the id concerned and never contain a
 * credential.
 */
public class StoreException extends IOException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
