package io.stowage;

/** The backend refused the operation for lack of permission. */
public class AccessDeniedException extends StoreException {
    public AccessDeniedException(String message) {
        super(message);
    }

    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
