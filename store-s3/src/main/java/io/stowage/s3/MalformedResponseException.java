package io.stowage.s3;

import io.stowage.IntegrityException;

/**
 * An S3 answer that cannot describe the object as asked for: a missing Content-Length, an
 * unreadable or inconsistent Content-Range, a range other than the one requested. Like the http
 * store's, an integrity failure: the bytes cannot be trusted to be the object's.
 */
final class MalformedResponseException extends IntegrityException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
