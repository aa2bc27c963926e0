package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.Visibility;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user-settable attributes of an image as a document being edited (by a create body or a
 * JSON patch), and the rules that turn it back into {@link ImageAttributes}: types, lengths,
 * formats, counts. Read-only and reserved attributes are refused with 403, as Glance does.
 */
final class ImageEdits {
    /** Core attributes a user sets; anything else that is not read-only is a free-form string property. */
    static final Set<String> CORE = Set.of("name", "visibility", "protected", "os_hidden", "container_format",
            "disk_format", "min_ram", "min_disk", "tags");
    static final Set<String> READ_ONLY = Set.of("id", "status", "checksum", "os_hash_algo", "os_hash_value", "size",
            "virtual_size", "created_at", "updated_at", "direct_url", "self", "file", "schema", "stores", "owner",
            "locations");
    static final Set<String> RESERVED = Set.of("deleted", "deleted_at", "location", "image_id");
    static final int MAX_PROPERTIES = 128;
    static final int MAX_TAGS = 128;
    static final int MAX_NAME = 255;
    static final int MAX_VALUE = 65535;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> values = new TreeMap<>();

    private ImageEdits() {}

    static ImageEdits of(ImageAttributes attributes) {
        ImageEdits edits = new ImageEdits();
        edits.values.put("name", attributes.name().<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
        edits.values.put("visibility", NODES.textNode(attributes.visibility().id()));
        edits.values.put("protected", NODES.booleanNode(attributes.isProtected()));
        edits.values.put("os_hidden", NODES.booleanNode(attributes.hidden()));
        edits.values.put("container_format", attributes.containerFormat().<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
        edits.values.put("disk_format", attributes.diskFormat().<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
        edits.values.put("min_ram", NODES.numberNode(attributes.minRam()));
        edits.values.put("min_disk", NODES.numberNode(attributes.minDisk()));
        var tags = NODES.arrayNode();
        attributes.tags().forEach(tags::add);
        edits.values.put("tags", tags);
        attributes.properties().forEach((name, value) -> edits.values.put(name, NODES.textNode(value)));
        return edits;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Sets an attribute (JSON patch add or replace, or a key of a create body). */
    void set(String name, JsonNode value) throws ApiException {
        checkWritable(name);
        values.put(name, value);
    }

    /** Removes a property; core attributes cannot be removed. */
    void remove(String name) throws ApiException {
        checkWritable(name);
        if (CORE.contains(name)) {
            throw ApiException.forbidden("Attribute '" + name + "' is a base attribute and cannot be removed");
        }
        if (values.remove(name) == null) {
            throw ApiException.conflict("Property " + name + " does not exist");
        }
    }

    static void checkWritable(String name) throws ApiException {
        if (READ_ONLY.contains(name)) {
            throw ApiException.forbidden("Attribute '" + name + "' is read-only");
        }
        if (RESERVED.contains(name)) {
            throw ApiException.forbidden("Attribute '" + name + "' is reserved");
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("A property name must have 1 to " + MAX_NAME + " characters");
        }
    }

    /** The edited document as attributes, checked; 400 for a wrong value, 413 for too many properties or tags. */
    ImageAttributes toAttributes() throws ApiException {
        Optional<String> name = nullableText("name", MAX_NAME, Set.of());
        Visibility visibility = Visibility.fromId(text("visibility")).orElseThrow(() -> ApiException.badRequest(
                "Invalid value for 'visibility': expected one of community, public, private, shared"));
        boolean isProtected = bool("protected");
        boolean hidden = bool("os_hidden");
        Optional<String> containerFormat = nullableText("container_format", 32, Set.copyOf(Schemas.CONTAINER_FORMATS));
        Optional<String> diskFormat = nullableText("disk_format", 32, Set.copyOf(Schemas.DISK_FORMATS));
        int minRam = count("min_ram");
        int minDisk = count("min_disk");
        TreeSet<String> tags = new TreeSet<>();
        JsonNode tagList = values.get("tags");
        if (!tagList.isArray()) {
            throw ApiException.badRequest("Invalid value for 'tags': expected a list of strings");
        }
        for (JsonNode tag : tagList) {
            if (!tag.isTextual() || tag.textValue().isEmpty() || tag.textValue().length() > MAX_NAME) {
                throw ApiException.badRequest("Invalid value for 'tags': every tag is a string of 1 to " + MAX_NAME + " characters");
            }
            tags.add(tag.textValue());
        }
        if (tags.size() > MAX_TAGS) {
            throw new ApiException(413, "An image holds at most " + MAX_TAGS + " tags");
        }
        Map<String, String> properties = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            if (CORE.contains(entry.getKey())) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                throw ApiException.badRequest("Invalid value for property '" + entry.getKey() + "': expected a string");
            }
            if (value.textValue().length() > MAX_VALUE) {
                throw ApiException.badRequest("The value of property '" + entry.getKey() + "' is longer than " + MAX_VALUE + " characters");
            }
            properties.put(entry.getKey(), value.textValue());
        }
        if (properties.size() > MAX_PROPERTIES) {
            throw new ApiException(413, "An image holds at most " + MAX_PROPERTIES + " properties");
        }
        return new ImageAttributes(name, visibility, isProtected, hidden, containerFormat, diskFormat, minRam, minDisk,
                tags, properties);
    }

    private Optional<String> nullableText(String key, int maxLength, Set<String> allowed) throws ApiException {
        JsonNode value = values.get(key);
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().length() > maxLength
                || (!allowed.isEmpty() && !allowed.contains(value.textValue()))) {
            throw ApiException.badRequest("Invalid value for '" + key + "': expected null or "
                    + (allowed.isEmpty() ? "a string of at most " + maxLength + " characters" : "one of " + String.join(", ", new TreeSet<>(allowed))));
        }
        return Optional.of(value.textValue());
    }

    private String text(String key) throws ApiException {
        JsonNode value = values.get(key);
        if (!value.isTextual()) {
            throw ApiException.badRequest("Invalid value for '" + key + "': expected a string");
        }
        return value.textValue();
    }

    private boolean bool(String key) throws ApiException {
        JsonNode value = values.get(key);
        if (!value.isBoolean()) {
            throw ApiException.badRequest("Invalid value for '" + key + "': expected true or false");
        }
        return value.booleanValue();
    }

    private int count(String key) throws ApiException {
        JsonNode value = values.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw ApiException.badRequest("Invalid value for '" + key + "': expected a non-negative integer");
        }
        return value.intValue();
    }
}
