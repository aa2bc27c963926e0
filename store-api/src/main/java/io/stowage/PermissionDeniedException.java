package io.stowage;

/** The backend refused the operation for lack of permission. */
public class PermissionDeniedException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public PermissionDeniedException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
