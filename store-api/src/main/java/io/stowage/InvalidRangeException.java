package io.stowage;

/** A read range does not fit the object: its offset lies beyond the object size. */
public class InvalidRangeException extends StoreException {
    public InvalidRangeException(String message) {
        super(message);
    }

    public InvalidRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
