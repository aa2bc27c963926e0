package io.stowage.image.service.registry;

/** An image with the requested id exists already. */
public final class DuplicateImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public DuplicateImageException(String id) {
        super("An image with ID " + id + " already exists");
    }
}
