package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.Visibility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The seed's v1 image metadata in HTTP headers: {@code x-image-meta-<attribute>} and
 * {@code x-image-meta-property-<name>}, read from requests and written to responses, and the
 * v1 JSON documents ({@code {"image": {...}}}, with {@code is_public} and a {@code properties}
 * map). Values come percent-encoded (as python-glanceclient sends them) or as raw UTF-8, and go
 * out in ISO-8859-1 when they fit (see {@link #toHeader}).
 */
final class V1Headers {
    static final String PREFIX = "x-image-meta-";
    static final String PROPERTY_PREFIX = "x-image-meta-property-";
    static final String PURGE_PROPERTIES = "x-glance-registry-purge-props";
    static final String COPY_FROM = "x-glance-api-copy-from";
    /** Attributes a request may set, besides properties. */
    private static final Set<String> SETTABLE = Set.of("id", "name", "disk_format", "container_format", "min_ram",
            "min_disk", "is_public", "protected", "owner", "size", "checksum", "location", "store");
    /** Sent by clients for backwards compatibility and ignored, as Glance did. */
    private static final Set<String> IGNORED = Set.of("deleted");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private V1Headers() {}

    /** The metadata of one request: attributes by name, properties, and whether unnamed properties go. */
    record Meta(Map<String, String> attributes, Map<String, String> properties, boolean purgeProperties,
            Optional<String> copyFrom) {
        Optional<String> get(String attribute) {
            return Optional.ofNullable(attributes.get(attribute));
        }

        /** Whether the request changes the image record (not only its data). */
        boolean editsRecord() {
            return !properties.isEmpty() || purgeProperties || attributes.keySet().stream()
                    .anyMatch(name -> !Set.of("size", "checksum", "location", "store").contains(name));
        }
    }

    /** Reads the {@code x-image-meta-*} headers; 400 for an unknown one, 403 for a read-only one. */
    static Meta parse(HttpFields headers) throws ApiException {
        Map<String, String> attributes = new TreeMap<>();
        Map<String, String> properties = new TreeMap<>();
        for (HttpField field : headers) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            String value = fromHeader(field.getValue());
            if (name.startsWith(PROPERTY_PREFIX)) {
                properties.put(name.substring(PROPERTY_PREFIX.length()), value);
            } else if (name.startsWith(PREFIX)) {
                String attribute = name.substring(PREFIX.length());
                if (IGNORED.contains(attribute)) {
                    continue;
                }
                if (!SETTABLE.contains(attribute)) {
                    if (ImageEdits.READ_ONLY.contains(attribute) || Set.of("created_at", "updated_at", "deleted_at")
                            .contains(attribute)) {
                        throw ApiException.forbidden("Attribute '" + attribute + "' is read-only");
                    }
                    throw ApiException.badRequest("Unknown image attribute in header " + ListParameters.quote(field.getName()));
                }
                attributes.put(attribute, value.trim());
            }
        }
        return new Meta(attributes, properties, bool(PURGE_PROPERTIES, Optional.ofNullable(headers.get(PURGE_PROPERTIES))
                .orElse("false")), Optional.ofNullable(headers.get(COPY_FROM)));
    }

    /** Applies the metadata's attributes and properties to an image being edited. */
    static void apply(Meta meta, ImageEdits edits, ImageAttributes current) throws ApiException {
        for (Map.Entry<String, String> attribute : meta.attributes().entrySet()) {
            String value = attribute.getValue();
            switch (attribute.getKey()) {
                case "name", "disk_format", "container_format" -> edits.set(attribute.getKey(), NODES.textNode(value));
                case "min_ram", "min_disk" -> edits.set(attribute.getKey(), NODES.numberNode(count(attribute.getKey(), value)));
                case "protected" -> edits.set("protected", NODES.booleanNode(bool(PREFIX + "protected", value)));
                case "is_public" -> {
                    Visibility visibility = bool(PREFIX + "is_public", value) ? Visibility.PUBLIC
                            : current.visibility() == Visibility.PUBLIC ? Visibility.PRIVATE : current.visibility();
                    edits.set("visibility", NODES.textNode(visibility.id()));
                }
                default -> {
                    // id, owner, size, checksum, location and store concern the image, not its attributes
                }
            }
        }
        if (meta.purgeProperties()) {
            for (String property : current.properties().keySet()) {
                if (!meta.properties().containsKey(property)) {
                    edits.remove(property);
                }
            }
        }
        for (Map.Entry<String, String> property : meta.properties().entrySet()) {
            edits.set(property.getKey(), NODES.textNode(property.getValue()));
        }
    }

    /** Writes the image's metadata as {@code x-image-meta-*} headers. */
    static void write(Image image, boolean showLocation, HttpFields.Mutable headers) {
        ImageAttributes attributes = image.attributes();
        headers.put(PREFIX + "id", image.id());
        attributes.name().ifPresent(name -> headers.put(PREFIX + "name", toHeader(name)));
        headers.put(PREFIX + "status", image.status().id());
        headers.put(PREFIX + "size", String.valueOf(image.data().map(ImageData::size).orElse(0L)));
        image.data().ifPresent(data -> headers.put(PREFIX + "checksum", data.checksum()));
        attributes.diskFormat().ifPresent(format -> headers.put(PREFIX + "disk_format", format));
        attributes.containerFormat().ifPresent(format -> headers.put(PREFIX + "container_format", format));
        headers.put(PREFIX + "is_public", attributes.visibility() == Visibility.PUBLIC ? "True" : "False");
        headers.put(PREFIX + "protected", attributes.isProtected() ? "True" : "False");
        image.owner().ifPresent(owner -> headers.put(PREFIX + "owner", toHeader(owner)));
        headers.put(PREFIX + "min_ram", String.valueOf(attributes.minRam()));
        headers.put(PREFIX + "min_disk", String.valueOf(attributes.minDisk()));
        headers.put(PREFIX + "created_at", ImageDocuments.timestamp(image.createdAt()));
        headers.put(PREFIX + "updated_at", ImageDocuments.timestamp(image.updatedAt()));
        headers.put(PREFIX + "deleted", "False");
        if (showLocation) {
            image.data().ifPresent(data -> headers.put(PREFIX + "location", data.locations().get(0).url()));
        }
        attributes.properties().forEach((name, value) -> headers.put(PROPERTY_PREFIX + name, toHeader(value)));
    }

    /** The v1 image document. */
    static ObjectNode document(Image image, boolean showLocation) {
        ImageAttributes attributes = image.attributes();
        ObjectNode node = NODES.objectNode();
        node.put("id", image.id());
        putNullable(node, "name", attributes.name());
        node.put("status", image.status().id());
        node.put("size", image.data().map(ImageData::size).orElse(0L));
        putNullable(node, "checksum", image.data().map(ImageData::checksum));
        putNullable(node, "disk_format", attributes.diskFormat());
        putNullable(node, "container_format", attributes.containerFormat());
        node.put("is_public", attributes.visibility() == Visibility.PUBLIC);
        node.put("protected", attributes.isProtected());
        putNullable(node, "owner", image.owner());
        node.put("min_ram", attributes.minRam());
        node.put("min_disk", attributes.minDisk());
        node.put("created_at", ImageDocuments.timestamp(image.createdAt()));
        node.put("updated_at", ImageDocuments.timestamp(image.updatedAt()));
        node.put("deleted", false);
        node.putNull("deleted_at");
        if (showLocation) {
            putNullable(node, "location", image.data().map(data -> data.locations().get(0).url()));
        }
        ObjectNode properties = node.putObject("properties");
        attributes.properties().forEach(properties::put);
        return node;
    }

    /** The brief document of {@code GET /v1/images}. */
    static ObjectNode brief(Image image) {
        ObjectNode full = document(image, false);
        ObjectNode node = NODES.objectNode();
        for (String key : new String[] {"id", "name", "disk_format", "container_format", "size", "checksum"}) {
            node.set(key, full.get(key));
        }
        return node;
    }

    /** Parses a boolean as Glance did (oslo's bool_from_string, strict): 400 naming the header. */
    static boolean bool(String header, String value) throws ApiException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "on", "y", "yes" -> true;
            case "false", "f", "0", "off", "n", "no" -> false;
            default -> throw ApiException.badRequest("Invalid value for header " + header + ": expected true or false");
        };
    }

    private static long count(String attribute, String value) throws ApiException {
        try {
            long count = Long.parseLong(value);
            if (count >= 0 && count <= Integer.MAX_VALUE) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("Invalid value for header " + PREFIX + attribute + ": expected a non-negative integer");
    }

    /**
     * A header value as python-glanceclient sends it: percent-encoded UTF-8 (every value, since its
     * fix of bug 1766235), or raw UTF-8 bytes that the server read as ISO-8859-1. A {@code %} not
     * followed by two hex digits stays as it is.
     */
    static String fromHeader(String value) {
        if (value.chars().anyMatch(c -> c > 0xff)) {
            return value;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1))
                    && isHex(value.charAt(i + 2))) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * A value as a header carries it: in ISO-8859-1 when it fits (HTTP's historic charset, which
     * python's http.client reads), else as UTF-8 bytes, one per ISO-8859-1 character (the JSON
     * documents carry every value intact).
     */
    static String toHeader(String value) {
        return value.chars().allMatch(c -> c <= 0xff) ? value
                : new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static void putNullable(ObjectNode node, String key, Optional<String> value) {
        if (value.isPresent()) {
            node.put(key, value.get());
        } else {
            node.set(key, (JsonNode) NODES.nullNode());
        }
    }
}
