package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One change of an image's attributes, a JSON-patch operation on a top-level attribute
 * ({@code application/openstack-images-v2.1-json-patch}). Immutable.
 */
public final class ImagePatch {
    private final String op;
    private final String attribute;
    private final Optional<String> value;

    private ImagePatch(String op, String attribute, Optional<String> value) {
        this.op = op;
        this.attribute = requireNonNull(attribute, "attribute is null");
        this.value = value;
        if (attribute.isEmpty()) {
            throw new IllegalArgumentException("An attribute name cannot be empty");
        }
    }

    /** Sets an attribute that may not exist yet (a new property). */
    public static ImagePatch add(String attribute, String value) {
        return new ImagePatch("add", attribute, Optional.of(requireNonNull(value, "value is null")));
    }

    /** Changes an attribute that exists. */
    public static ImagePatch replace(String attribute, String value) {
        return new ImagePatch("replace", attribute, Optional.of(requireNonNull(value, "value is null")));
    }

    /** Removes a property. */
    public static ImagePatch remove(String attribute) {
        return new ImagePatch("remove", attribute, Optional.empty());
    }

    /** {@code add}, {@code replace} or {@code remove}. */
    public String op() {
        return op;
    }

    /** The attribute changed, by its API name. */
    public String attribute() {
        return attribute;
    }

    /** The new value; empty for a removal. */
    public Optional<String> value() {
        return value;
    }

    /** The JSON pointer of the attribute: {@code /name}, with {@code ~} and {@code /} escaped. */
    String path() {
        return "/" + attribute.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return op + " " + path();
    }
}
