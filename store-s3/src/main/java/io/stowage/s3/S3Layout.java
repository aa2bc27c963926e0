package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import java.net.URI;
import java.util.Optional;

/**
 * Where a store's objects live: which bucket, under which key prefix, on which endpoint;
 * maps ids to keys and decides which locations the store owns.
 *
 * <p>A location is owned when its scheme is {@code s3}, its bucket is the configured one, it
 * has no query or fragment, and its key is the prefix followed by a valid object id. A location
 * parsed from a legacy Glance form carries the service it named in
 * {@value Location#LEGACY_S3_ENDPOINT_KEY}; it is owned only when that is the configured service
 * (see {@link LegacyEndpoints}). Whatever the location says, requests go to the configured endpoint with the
 * configured credentials.
 */
final class S3Layout {
    static final String SCHEME = "s3";

    private final String bucket;
    private final String prefix;
    private final Optional<URI> endpoint;

    S3Layout(String bucket, String prefix, Optional<URI> endpoint) {
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
    }

    String bucket() {
        return bucket;
    }

    /** The key prefix objects are listed under: empty, or the prefix followed by {@code /}. */
    String keyPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    S3Address address(ObjectId id) {
        return new S3Address(bucket, keyPrefix() + id.value());
    }

    boolean owns(Location location) {
        return resolve(location).isPresent();
    }

    /** The object a location names, when this layout owns it. */
    S3Address address(Location location) throws InvalidLocationException {
        return resolve(location).orElseThrow(() -> new InvalidLocationException("Location " + location
                + " is refused: it is not in bucket '" + bucket + "'"
                + (prefix.isEmpty() ? "" : " under prefix '" + prefix + "/'")
                + (endpoint.isPresent() ? " at " + endpoint.get() : "")));
    }

    private Optional<S3Address> resolve(Location location) {
        requireNonNull(location, "location is null");
        URI uri = location.uri();
        if (!SCHEME.equals(location.scheme()) || !bucket.equals(uri.getRawAuthority())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        if (!LegacyEndpoints.matches(location, endpoint)) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        if (!path.startsWith("/" + keyPrefix())) {
            return Optional.empty();
        }
        String id = path.substring(1 + keyPrefix().length());
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.of(new S3Address(bucket, keyPrefix() + id));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + keyPrefix();
    }
}
