package io.stowage.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.ChecksumAlgorithm;
import io.stowage.Checksums;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;

/** The JSON the command reads (location objects) and prints (one document per command, on one line). */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** {@code {"md5": ..., "sha256": ..., "sha512": ...}} with the algorithms that were computed. */
    static ObjectNode checksums(Checksums checksums) {
        ObjectNode node = object();
        for (Map.Entry<ChecksumAlgorithm, String> entry : checksums.values().entrySet()) {
            node.put(entry.getKey().id(), entry.getValue());
        }
        return node;
    }

    static ObjectNode strings(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode node = array();
        values.forEach(node::add);
        return node;
    }

    /** Prints {@code document} and a newline; a stdout that cannot be written is an error. */
    static void print(PrintStream out, JsonNode document) throws IOException {
        String text;
        try {
            text = MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the JSON output", e);
        }
        out.println(text);
        if (out.checkError()) {
            throw new StdoutClosedException();
        }
    }
}
