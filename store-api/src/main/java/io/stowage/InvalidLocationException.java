package io.stowage;

/** A location is malformed, or refused because no configured store may serve it. */
public class InvalidLocationException extends StoreException {
    public InvalidLocationException(String message) {
        super(message);
    }

    public InvalidLocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
