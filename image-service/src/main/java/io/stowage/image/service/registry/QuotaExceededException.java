package io.stowage.image.service.registry;

/** An upload would take its owner past the owner quota; nothing was reserved. */
public final class QuotaExceededException extends Exception {
    private static final long serialVersionUID = 1L;

    public QuotaExceededException(String message) {
        super(message);
    }
}
