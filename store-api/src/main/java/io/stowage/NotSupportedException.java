package io.stowage;

/** The store does not offer the capability the operation needs. */
public class NotSupportedException extends StoreException {
    public NotSupportedException(String message) {
        super(message);
    }

    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
