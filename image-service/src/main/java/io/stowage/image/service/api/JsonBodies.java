package io.stowage.image.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.server.Request;

/** Reads request bodies as JSON, bounded in size and depth, and writes response documents. */
final class JsonBodies {
    /** The largest JSON request body: far above any image document (128 properties of 255 characters). */
    static final int MAX_BODY = 256 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY).maxNumberLength(32).build());
    }

    private JsonBodies() {}

    /** The request body as JSON: 413 past {@link #MAX_BODY}, 400 when it is not JSON. */
    static JsonNode read(Request request) throws ApiException, IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            throw new ApiException(413, "The request body is larger than " + MAX_BODY + " bytes");
        }
        byte[] body;
        try (InputStream in = RequestBodies.open(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ApiException(413, "The request body is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("The request body is empty; a JSON document was expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON: "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    static byte[] write(JsonNode document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree cannot fail to serialise", e);
        }
    }

    static String firstLine(String text) {
        if (text == null) {
            return "malformed";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
