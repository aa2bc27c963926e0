package io.stowage.image.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of the image API: documents read from answers (bounded) and bodies written for requests. */
final class Documents {
    /** The largest answer read as a document: a page of 1,000 images fits many times over. */
    static final int MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Documents() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static byte[] bytes(JsonNode document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a request body", e);
        }
    }

    /** Reads the JSON object an API server answered with. */
    static ObjectNode read(ApiExchange answer, String what) throws IOException {
        JsonNode node;
        try (InputStream in = answer.body()) {
            byte[] body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (body.length > MAX_DOCUMENT_BYTES) {
                throw malformed(answer, what, "more than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(answer, what, "not JSON");
        }
        if (node == null || !node.isObject()) {
            throw malformed(answer, what, "not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * An image from its document.
     *
     * @param where the document, for messages: "the answer of http://host:9292 to show image abc"
     */
    static Image image(JsonNode document, String where) throws StoreException {
        if (!document.isObject() || !document.path("id").isTextual()) {
            throw new StoreException("Malformed image document in " + where + ": no id");
        }
        List<ImageLocation> locations = new ArrayList<>();
        for (JsonNode location : document.path("locations")) {
            if (!location.path("url").isTextual()) {
                throw new StoreException("Malformed image document in " + where + ": a location without a url");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            location.path("metadata").properties().forEach(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
            locations.add(new ImageLocation(location.get("url").textValue(), metadata));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = MAPPER.convertValue(document, LinkedHashMap.class);
        return new Image(attributes, locations);
    }

    /** The image an API server answered with. */
    static Image image(ApiExchange answer, String what) throws IOException {
        return image(read(answer, what), "the answer of " + answer.server() + " to " + what);
    }

    static StoreException malformed(ApiExchange answer, String what, String problem) {
        return new StoreException("Cannot " + what + ": " + answer.server() + " answered " + answer.status() + " with "
                + problem);
    }
}
