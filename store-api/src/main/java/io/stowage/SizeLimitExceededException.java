package io.stowage;

/** The data is larger than the size cap of the operation; nothing was stored. */
public class SizeLimitExceededException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public SizeLimitExceededException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public SizeLimitExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
