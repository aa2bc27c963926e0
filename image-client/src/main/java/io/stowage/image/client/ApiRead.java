package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * The bytes of a download one API server delivered: {@code length} bytes from {@code offset}. A
 * download that broke and resumed on another server has several.
 */
public record ApiRead(URI server, long offset, long length) {
    /** Checks the values. */
    public ApiRead {
        requireNonNull(server, "server is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length cannot be negative: " + offset + ", " + length);
        }
    }
}
