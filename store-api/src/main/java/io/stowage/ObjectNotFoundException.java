package io.stowage;

/** No object exists at the location (or under the id). */
public class ObjectNotFoundException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public ObjectNotFoundException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
