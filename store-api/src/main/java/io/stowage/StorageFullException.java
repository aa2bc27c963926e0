package io.stowage;

/** The backend has no room for the object; nothing was stored. */
public class StorageFullException extends StoreException {
    public StorageFullException(String message) {
        super(message);
    }

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
