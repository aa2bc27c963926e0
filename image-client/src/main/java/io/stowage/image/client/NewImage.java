package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The attributes of an image to create: its id (a random UUID unless given, so that a create
 * retried after a lost answer finds the image it made instead of making a second), core
 * attributes and string properties. Immutable; built with {@link #builder()}.
 */
public final class NewImage {
    private final String id;
    private final Map<String, String> attributes;
    private final List<String> tags;

    private NewImage(Builder builder) {
        this.id = builder.id.orElseGet(() -> UUID.randomUUID().toString());
        this.attributes = Map.copyOf(builder.attributes);
        this.tags = List.copyOf(builder.tags);
    }

    /** A builder with no attribute set and a random id. */
    public static Builder builder() {
        return new Builder();
    }

    /** The id the image gets. */
    public String id() {
        return id;
    }

    /** The string attributes and properties, by their API names ({@code name}, {@code disk_format}, ...). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The tags the image gets. */
    public List<String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "NewImage[" + id + ", " + attributes.keySet() + "]";
    }

    /** Builds a {@link NewImage}; every attribute is optional. */
    public static final class Builder {
        private Optional<String> id = Optional.empty();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<String> tags = new ArrayList<>();

        private Builder() {}

        /** The image's id (a UUID, as Glance requires); a random one when not given. */
        public Builder id(String value) {
            this.id = Optional.of(requireNonNull(value, "value is null"));
            return this;
        }

        /** The image's name. */
        public Builder name(String value) {
            return attribute("name", value);
        }

        /** {@code raw}, {@code qcow2}, {@code iso}, ... */
        public Builder diskFormat(String value) {
            return attribute("disk_format", value);
        }

        /** {@code bare}, {@code ovf}, ... */
        public Builder containerFormat(String value) {
            return attribute("container_format", value);
        }

        /** {@code private}, {@code shared}, {@code community} or {@code public}. */
        public Builder visibility(String value) {
            return attribute("visibility", value);
        }

        /** Any other string attribute or property, by its API name; a later value replaces an earlier one. */
        public Builder attribute(String key, String value) {
            if (requireNonNull(key, "key is null").equals("id")) {
                throw new IllegalArgumentException("The id is set with id(), not as an attribute");
            }
            attributes.put(key, requireNonNull(value, "value is null"));
            return this;
        }

        /** A tag of the image (repeatable). */
        public Builder tag(String tag) {
            tags.add(requireNonNull(tag, "tag is null"));
            return this;
        }

        /** The attributes, with a random UUID as the id unless one was given. */
        public NewImage build() {
            return new NewImage(this);
        }
    }
}
