package io.stowage;

/** The backend refused the operation for lack of permission. */
public class PermissionDeniedException extends StoreException {
    public PermissionDeniedException(String message) {
        super(message);
    }

    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
