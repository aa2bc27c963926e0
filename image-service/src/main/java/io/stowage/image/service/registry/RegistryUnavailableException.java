package io.stowage.image.service.registry;

/**
 * The registry's database failed (cannot connect, busy past its timeout, I/O error). The API
 * answers 503; the operation changed nothing (every change is one transaction).
 */
public final class RegistryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
