package io.stowage;

/** The store does not offer the capability the operation needs. */
public class NotSupportedException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public NotSupportedException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
