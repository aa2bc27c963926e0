package io.stowage;

/** The backend has no room for the object; nothing was stored. */
public class StorageFullException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public StorageFullException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
