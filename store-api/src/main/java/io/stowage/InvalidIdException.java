package io.stowage;

/** An object id is not 1 to 255 characters of {@code [A-Za-z0-9._-]}, or is {@code .} or {@code ..}. */
public class InvalidIdException extends StoreException {
    public InvalidIdException(String message) {
        super(message);
    }

    public InvalidIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
