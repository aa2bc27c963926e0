package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.Location;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders images as Glance v2 image documents. */
final class ImageDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean showDirectUrl;
    private final boolean showMultipleLocations;

    ImageDocuments(boolean showDirectUrl, boolean showMultipleLocations) {
        this.showDirectUrl = showDirectUrl;
        this.showMultipleLocations = showMultipleLocations;
    }

    ObjectNode render(Image image) {
        ObjectNode node = NODES.objectNode();
        ImageAttributes attributes = image.attributes();
        for (Map.Entry<String, String> property : attributes.properties().entrySet()) {
            node.put(property.getKey(), property.getValue());
        }
        node.put("id", image.id());
        putNullable(node, "name", attributes.name());
        node.put("status", image.status().id());
        node.put("visibility", attributes.visibility().id());
        node.put("protected", attributes.isProtected());
        node.put("os_hidden", attributes.hidden());
        Optional<ImageData> data = image.data();
        putNullable(node, "checksum", data.map(ImageData::checksum));
        putNullable(node, "os_hash_algo", data.map(ImageData::hashAlgorithm));
        putNullable(node, "os_hash_value", data.map(ImageData::hashValue));
        putNullable(node, "owner", image.owner());
        if (data.isPresent()) {
            node.put("size", data.get().size());
        } else {
            node.putNull("size");
        }
        node.putNull("virtual_size");
        putNullable(node, "container_format", attributes.containerFormat());
        putNullable(node, "disk_format", attributes.diskFormat());
        node.put("min_ram", attributes.minRam());
        node.put("min_disk", attributes.minDisk());
        node.put("created_at", timestamp(image.createdAt()));
        node.put("updated_at", timestamp(image.updatedAt()));
        ArrayNode tags = node.putArray("tags");
        attributes.tags().forEach(tags::add);
        data.ifPresent(present -> {
            Set<String> stores = new LinkedHashSet<>();
            present.locations().forEach(location -> {
                String store = location.metadata().get(Location.STORE_KEY);
                if (store != null) {
                    stores.add(store);
                }
            });
            if (!stores.isEmpty()) {
                node.put("stores", String.join(",", stores));
            }
            if (showDirectUrl) {
                node.put("direct_url", present.locations().get(0).url());
            }
        });
        if (showMultipleLocations) {
            ArrayNode locations = node.putArray("locations");
            data.ifPresent(present -> {
                for (ImageLocation location : present.locations()) {
                    ObjectNode entry = locations.addObject();
                    entry.put("url", location.url());
                    ObjectNode metadata = entry.putObject("metadata");
                    location.metadata().forEach(metadata::put);
                }
            });
        }
        node.put("self", "/v2/images/" + image.id());
        node.put("file", "/v2/images/" + image.id() + "/file");
        node.put("schema", "/v2/schemas/image");
        return node;
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void putNullable(ObjectNode node, String key, Optional<String> value) {
        if (value.isPresent()) {
            node.put(key, value.get());
        } else {
            node.putNull(key);
        }
    }
}
