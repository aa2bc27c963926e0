package io.stowage;

/** No object exists at the location (or under the id). */
public class ObjectNotFoundException extends StoreException {
    public ObjectNotFoundException(String message) {
        super(message);
    }

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
