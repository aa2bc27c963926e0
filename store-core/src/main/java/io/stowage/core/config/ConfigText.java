package io.stowage.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stowage.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Config text to a plain tree: the one place that knows the file is YAML (or JSON, a subset of
 * it) and reads it with Jackson. Messages name the line and column of a syntax error, never the text.
 */
final class ConfigText {
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
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

    /** The top-level mapping of a YAML or JSON document, as plain values. */
    static Map<String, Object> parse(String text) throws InvalidConfigurationException {
        JsonNode tree;
        try {
            tree = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidConfigurationException("Invalid configuration" + where + ": " + problem);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidConfigurationException("Invalid configuration: cannot be parsed as YAML or JSON");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidConfigurationException("Invalid configuration: the document is empty");
        }
        if (!tree.isObject()) {
            throw new InvalidConfigurationException("Invalid configuration: expected a mapping with 'stores' at the top");
        }
        return ConfigBinder.plain(tree);
    }
}
