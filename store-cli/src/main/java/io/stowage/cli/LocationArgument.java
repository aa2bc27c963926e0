package io.stowage.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.Redaction;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A LOCATION on the command line: a URI ({@code file:///var/lib/stowage/abc}) or a JSON object
 * the way Glance keeps locations, {@code {"url": "...", "metadata": {"store": "local"}}}.
 * Whatever else is given is an {@link InvalidLocationException}; the message never repeats
 * the text (it may hold a credential).
 */
final class LocationArgument {
    private static final String EXPECTED = "expected a URI or a JSON object {\"url\": \"...\", \"metadata\": {...}}";

    private LocationArgument() {}

    static Location parse(String text) throws InvalidLocationException {
        if (text == null || text.isBlank()) {
            throw new InvalidLocationException("Invalid location: it is empty; " + EXPECTED);
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return Location.parse(text);
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(trimmed);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InvalidLocationException("Invalid location: malformed JSON" + where + "; " + EXPECTED);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidLocationException("Invalid location: " + EXPECTED);
        }
        String url = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "url" -> {
                    if (!field.getValue().isTextual()) {
                        throw new InvalidLocationException("Invalid location: \"url\" must be a string; " + EXPECTED);
                    }
                    url = field.getValue().textValue();
                }
                case "metadata" -> readMetadata(field.getValue(), metadata);
                default -> throw new InvalidLocationException("Invalid location: unexpected key "
                        + Redaction.quote(field.getKey()) + "; " + EXPECTED);
            }
        }
        if (url == null) {
            throw new InvalidLocationException("Invalid location: the JSON object has no \"url\"; " + EXPECTED);
        }
        return Location.parse(url, metadata);
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata) throws InvalidLocationException {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new InvalidLocationException("Invalid location: \"metadata\" must be an object of strings; " + EXPECTED);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isTextual()) {
                throw new InvalidLocationException("Invalid location: metadata value of "
                        + Redaction.quote(entry.getKey()) + " must be a string");
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
    }
}
