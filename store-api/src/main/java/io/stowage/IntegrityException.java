package io.stowage;

/** The data does not match what was expected: size or checksum mismatch, or truncated data. */
public class IntegrityException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public IntegrityException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
