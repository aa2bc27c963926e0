package io.stowage.http;

import io.stowage.IntegrityException;

/**
 * A response that cannot be the object's bytes as asked for: conflicting or invalid length
 * headers, a content coding, a range other than the one requested.
 */
final class MalformedResponseException extends IntegrityException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }

    MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
