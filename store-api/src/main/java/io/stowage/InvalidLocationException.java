package io.stowage;

/** A location is malformed, or refused because no configured store may serve it. */
public class InvalidLocationException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public InvalidLocationException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public InvalidLocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
