package io.stowage.http;

import java.io.IOException;

/** A response body that ended before the bytes its headers promised. */
final class TruncatedBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    TruncatedBodyException(String message) {
        super(message);
    }
}
