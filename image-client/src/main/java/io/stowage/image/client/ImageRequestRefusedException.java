package io.stowage.image.client;

import io.stowage.StoreException;

/**
 * The image API refused a request for what it asked (400, 415, 416 and the like: a malformed
 * attribute, a read-only one, an unknown store); asking again, or another server, gets the same.
 */
public class ImageRequestRefusedException extends StoreException {
    /** A refusal whose message names the request and the server's reason. */
    public ImageRequestRefusedException(String message) {
        super(message);
    }
}
