package io.stowage;

/** An object with the id already exists; the existing object is left intact. */
public class ObjectAlreadyExistsException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public ObjectAlreadyExistsException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public ObjectAlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
