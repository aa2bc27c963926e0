package io.stowage.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import java.io.StringWriter;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON the command reads (location objects) and prints (one document per command, on one line).
 * Printing writes the tree with Jackson's streaming generator; the {@link #mapper()} is built only
 * for what needs it (a location given as JSON, the image commands), since building one costs a
 * one-shot command a good part of its start-up.
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {}

    /** The mapper for reading JSON (duplicate keys are errors) and for turning values into trees. */
    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

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
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, document);
        }
        out.println(text);
        if (out.checkError()) {
            throw new StdoutClosedException();
        }
    }

    /** Writes {@code node} as {@code ObjectMapper.writeValueAsString} would, without a mapper. */
    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            case NUMBER -> writeNumber(generator, node);
            default -> throw new IllegalStateException("Cannot print a " + node.getNodeType() + " node as JSON");
        }
    }

    private static void writeNumber(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> generator.writeNumber(node.intValue());
            case LONG -> generator.writeNumber(node.longValue());
            case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
            case FLOAT -> generator.writeNumber(node.floatValue());
            case DOUBLE -> generator.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
            default -> throw new IllegalStateException("Cannot print a " + node.numberType() + " number as JSON");
        }
    }

    /** Built on first use. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
