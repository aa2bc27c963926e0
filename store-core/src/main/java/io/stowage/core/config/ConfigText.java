package io.stowage.core.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stowage.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Config text to a plain tree: the one place that knows the file is YAML (or JSON, a subset of
 * it) and reads it with Jackson's streaming YAML parser, straight into maps, lists, strings,
 * numbers, booleans and null. No {@code ObjectMapper} is built: a one-shot command would spend a
 * good part of its start-up building one. Messages name the line and column of a syntax error,
 * never the text.
 */
final class ConfigText {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigText() {}

    /** The text of a config file, which must be UTF-8. */
    static String read(Path file) throws InvalidConfigurationException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException("Cannot read config file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("Cannot read config file " + file + ": not UTF-8 text");
        }
    }

    /** The top-level mapping of a YAML or JSON document (the first, if there are several), as plain values. */
    static Map<String, Object> parse(String text) throws InvalidConfigurationException {
        Object tree = null;
        try (JsonParser parser = YAML.createParser(text == null ? "" : text)) {
            JsonToken first = parser.nextToken();
            if (first != null) {
                tree = value(parser, first);
            }
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidConfigurationException("Invalid configuration" + where + ": " + problem);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new InvalidConfigurationException("Invalid configuration: cannot be parsed as YAML or JSON");
        }
        if (tree == null) {
            throw new InvalidConfigurationException("Invalid configuration: the document is empty");
        }
        if (!(tree instanceof Map)) {
            throw new InvalidConfigurationException("Invalid configuration: expected a mapping with 'stores' at the top");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> mapping = (Map<String, Object>) tree;
        return mapping;
    }

    /**
     * The value that starts at {@code token}, read to its end: the types Jackson's own tree and
     * {@code Map<String, Object>} binding give (numbers as the parser reads them).
     */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                Map<String, Object> mapping = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    mapping.put(key, value(parser, parser.nextToken()));
                }
                return mapping;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(value(parser, next));
                }
                return list;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL ? parser.getDecimalValue() : parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT:
                return parser.getEmbeddedObject();
            default:
                throw new JsonParseException(parser, "Unexpected " + token);
        }
    }
}
