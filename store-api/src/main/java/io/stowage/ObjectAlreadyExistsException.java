package io.stowage;

/** An object with the id already exists; the existing object is left intact. */
public class ObjectAlreadyExistsException extends StoreException {
    public ObjectAlreadyExistsException(String message) {
        super(message);
    }

    public ObjectAlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
