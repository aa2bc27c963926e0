package io.stowage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where an object lives: an absolute URI plus a small map of location metadata, the way
 * Glance keeps {@code {"url": ..., "metadata": {...}}}. Immutable.
 *
 * <ul>
 *   <li>The scheme is case-insensitive and always held in lower case.</li>
 *   <li>A location never carries credentials: {@link #of} refuses user-info and
 *       {@link #parse} drops it (legacy Glance records such as
 *       {@code s3://AK:SK@host/bucket/key} are read, their keys discarded unlogged).</li>
 *   <li>{@link #toString()} is the redacted URL, safe for messages and logs; {@link #url()}
 *       is the form to persist.</li>
 *   <li>The metadata entry {@value #STORE_KEY} names the store that holds the object
 *       (Glance multi-store); the registry routes by it first.</li>
 * </ul>
 */
public final class Location {
    /** Metadata key naming the store that owns the object. */
    public static final String STORE_KEY = "store";
    /** Metadata key holding the S3 service endpoint of a location read from a legacy Glance S3 form. */
    public static final String LEGACY_S3_ENDPOINT_KEY = "s3-endpoint";
    /** The longest location text {@link #parse} accepts. */
    public static final int MAX_LENGTH = 8192;

    private final URI uri;
    private final Map<String, String> metadata;

    private Location(URI uri, Map<String, String> metadata) {
        this.uri = uri;
        this.metadata = metadata;
    }

    /**
     * A location for a URI built by code, without metadata; see {@link #of(URI, Map)}.
     *
     * @param uri an absolute, hierarchical URI without user-info
     * @return the location
     * @throws IllegalArgumentException if the URI is not absolute and hierarchical, or has user-info
     */
    public static Location of(URI uri) {
        return of(uri, Map.of());
    }

    /**
     * A location for a URI built by code (a store naming what it just wrote).
     *
     * @param uri an absolute, hierarchical URI without user-info
     * @param metadata the location metadata, copied
     * @return the location
     * @throws IllegalArgumentException if the URI is not absolute and hierarchical, or has user-info
     */
    public static Location of(URI uri, Map<String, String> metadata) {
        requireNonNull(uri, "uri is null");
        requireNonNull(metadata, "metadata is null");
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new IllegalArgumentException("Not an absolute hierarchical URI: " + Redaction.url(uri.toString()));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("A location must not carry credentials: " + Redaction.url(uri.toString()));
        }
        Map<String, String> copy = new TreeMap<>();
        metadata.forEach((key, value) -> copy.put(
                requireNonNull(key, "metadata key is null"),
                requireNonNull(value, () -> "metadata value of '" + key + "' is null")));
        return new Location(lowerCaseScheme(uri), Collections.unmodifiableMap(copy));
    }

    /**
     * Parses location text without metadata; see {@link #parse(String, Map)}.
     *
     * @param text the location text
     * @return the location
     * @throws InvalidLocationException if the text is not a valid location, null included
     */
    public static Location parse(String text) throws InvalidLocationException {
        return parse(text, Map.of());
    }

    /**
     * Parses location text from a user or a stored record. Accepts Glance's legacy forms,
     * dropping any credentials in them. Anything malformed (no scheme, not hierarchical,
     * whitespace or control characters, longer than {@value #MAX_LENGTH}) raises
     * {@link InvalidLocationException} and nothing else.
     *
     * @param text the location text
     * @param metadata the location metadata kept with it, copied
     * @return the location
     * @throws InvalidLocationException if the text or the metadata is not valid, null included
     */
    public static Location parse(String text, Map<String, String> metadata) throws InvalidLocationException {
        if (metadata == null) {
            throw new InvalidLocationException("Invalid location metadata: null");
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new InvalidLocationException("Invalid location metadata: null key or value");
            }
        }
        return LocationParser.parse(text, metadata);
    }

    /** {@return the URI, its scheme in lower case} */
    public URI uri() {
        return uri;
    }

    /** {@return the scheme, in lower case} */
    public String scheme() {
        return uri.getScheme();
    }

    /** {@return the location metadata, sorted by key, unmodifiable} */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** {@return the store named in the metadata ({@value #STORE_KEY}), if any} */
    public Optional<String> storeName() {
        return Optional.ofNullable(metadata.get(STORE_KEY));
    }

    /** {@return the URL to persist} It holds no user-info; query parameters are kept as they are. */
    public String url() {
        return uri.toString();
    }

    /**
     * This location with one more metadata entry, replacing the value of an existing key.
     *
     * @param key the key
     * @param value the value
     * @return the new location
     */
    public Location withMetadata(String key, String value) {
        Map<String, String> copy = new TreeMap<>(metadata);
        copy.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return new Location(uri, Collections.unmodifiableMap(copy));
    }

    /** Locations are equal when their URIs and metadata are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Location location && location.uri.equals(uri) && location.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return uri.hashCode() * 31 + metadata.hashCode();
    }

    /** The redacted URL (secret query parameters masked); safe for messages and logs. */
    @Override
    public String toString() {
        return Redaction.url(uri.toString());
    }

    private static URI lowerCaseScheme(URI uri) {
        String scheme = uri.getScheme();
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals(scheme)) {
            return uri;
        }
        try {
            return new URI(lower + uri.toString().substring(scheme.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot normalise the scheme of " + Redaction.url(uri.toString()), e);
        }
    }
}
