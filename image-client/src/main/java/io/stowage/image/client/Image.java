package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An image as the API answered it: the whole document ({@link #attributes()}, in the server's
 * order) and typed views of the attributes the client works with. Immutable.
 */
public final class Image {
    private final Map<String, Object> attributes;
    private final List<ImageLocation> locations;

    Image(Map<String, Object> attributes, List<ImageLocation> locations) {
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(attributes, "attributes is null")));
        this.locations = List.copyOf(requireNonNull(locations, "locations is null"));
        if (!(attributes.get("id") instanceof String)) {
            throw new IllegalArgumentException("An image document has a string 'id'");
        }
    }

    /** Every attribute of the document: strings, numbers, booleans, lists, maps and nulls, as JSON has them. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** The image's id. */
    public String id() {
        return (String) attributes.get("id");
    }

    /** {@code queued}, {@code saving}, {@code active}, {@code deactivated}, {@code killed}, ... */
    public String status() {
        return text("status").orElse("");
    }

    /** The image's name, when it has one. */
    public Optional<String> name() {
        return text("name");
    }

    /** The size of the image's data; empty until it has data. */
    public OptionalLong size() {
        return attributes.get("size") instanceof Number number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
    }

    /** The MD5 of the data, as hex (Glance's legacy {@code checksum}). */
    public Optional<String> checksum() {
        return text("checksum");
    }

    /** The algorithm of {@link #hashValue()} ({@code os_hash_algo}: {@code sha512}, ...). */
    public Optional<String> hashAlgorithm() {
        return text("os_hash_algo");
    }

    /** The hash of the data ({@code os_hash_value}), as hex. */
    public Optional<String> hashValue() {
        return text("os_hash_value");
    }

    /** The locations of the data, when the service shows them ({@code show-multiple-locations}). */
    public List<ImageLocation> locations() {
        return locations;
    }

    /** The first location's url, when the service shows it ({@code show-direct-url}). */
    public Optional<String> directUrl() {
        return text("direct_url");
    }

    private Optional<String> text(String key) {
        return attributes.get(key) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Image[" + id() + ", " + status() + "]";
    }
}
