package io.stowage;

/** The data is larger than the size cap of the operation; nothing was stored. */
public class SizeLimitExceededException extends StoreException {
    public SizeLimitExceededException(String message) {
        super(message);
    }

    public SizeLimitExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
