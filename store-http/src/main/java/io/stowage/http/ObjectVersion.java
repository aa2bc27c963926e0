package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.MalformedResponseException;
import java.util.Optional;

/**
 * What identifies the object a response came from: its size and, when the server sends them,
 * its {@code ETag} and {@code Last-Modified}. A resumed read must see the same version, or the
 * bytes before and after the break could belong to different objects.
 */
record ObjectVersion(long size, Optional<String> etag, Optional<String> lastModified) {
    ObjectVersion {
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
    }

    static ObjectVersion of(HttpExchange exchange, long size) throws MalformedResponseException {
        return new ObjectVersion(size, exchange.header("ETag"), exchange.header("Last-Modified"));
    }

    /** The validator for {@code If-Range}: only a strong ETag may be used there. */
    Optional<String> ifRangeValidator() {
        return etag.filter(value -> value.startsWith("\""));
    }

    /**
     * @throws IntegrityException unless {@code later} is provably the same object: the same size,
     *     and every validator this version has present and equal
     */
    void requireSame(ObjectVersion later, Location location) throws IntegrityException {
        if (later.size != size) {
            throw new IntegrityException(location + " changed while being read: its size went from " + size + " to "
                    + later.size + " bytes");
        }
        if (etag.isPresent() && !etag.equals(later.etag)) {
            throw new IntegrityException(location + " changed while being read: its ETag went from " + etag.get()
                    + " to " + later.etag.orElse("(none)"));
        }
        if (lastModified.isPresent() && !lastModified.equals(later.lastModified)) {
            throw new IntegrityException(location + " changed while being read: its Last-Modified went from "
                    + lastModified.get() + " to " + later.lastModified.orElse("(none)"));
        }
    }
}
