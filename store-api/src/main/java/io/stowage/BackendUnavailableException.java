package io.stowage;

/** The backend could not be reached or kept failing after the configured retries (transient). */
public class BackendUnavailableException extends StoreException {
    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
