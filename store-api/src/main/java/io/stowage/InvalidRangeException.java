package io.stowage;

/** A read range does not fit the object: its offset lies beyond the object size. */
public class InvalidRangeException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public InvalidRangeException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public InvalidRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
