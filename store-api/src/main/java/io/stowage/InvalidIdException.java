package io.stowage;

/** An object id is not 1 to 255 characters of {@code [A-Za-z0-9._-]}, or is {@code .} or {@code ..}. */
public class InvalidIdException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public InvalidIdException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public InvalidIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
