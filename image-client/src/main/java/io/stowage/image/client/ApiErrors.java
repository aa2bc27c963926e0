package io.stowage.image.client;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectNotFoundException;
import io.stowage.SizeLimitExceededException;
import io.stowage.StoreException;

/**
 * The error for a status the image API answered, in the Stowage family, so that callers (and the
 * {@code stowage} command's exit codes) tell them apart: 404 and 410 not found, 409 conflict
 * (already exists), 413 over the size cap or quota, 401 and 403 access denied, other 4xx refused,
 * 503 unavailable, anything else a plain {@link StoreException}. Messages name what was asked,
 * the server and its one-line reason.
 */
final class ApiErrors {
    private ApiErrors() {}

    /** @param what the call, for the message: "show image abc" */
    static StoreException of(String what, ApiStatusException answer) {
        String message = "Cannot " + what + ": " + answer.server() + " answered "
                + (answer.reason().isEmpty() ? Integer.toString(answer.status()) : answer.reason());
        return switch (answer.status()) {
            case 404, 410 -> new ObjectNotFoundException(message);
            case 409 -> new ObjectAlreadyExistsException(message);
            case 413 -> new SizeLimitExceededException(message);
            case 401, 403 -> new PermissionDeniedException(message);
            case 503 -> new BackendUnavailableException(message);
            default -> answer.status() >= 400 && answer.status() < 500
                    ? new ImageRequestRefusedException(message)
                    : new StoreException(message, answer);
        };
    }
}
