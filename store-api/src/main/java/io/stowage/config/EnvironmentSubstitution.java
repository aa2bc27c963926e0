package io.stowage.config;

import io.stowage.InvalidConfigurationException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string value of a config
 * tree with values from the environment, so that secrets stay out of config files.
 * {@code $${} writes a literal {@code ${}. Messages name the variable and the config path,
 * never a value.
 */
final class EnvironmentSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    EnvironmentSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    void apply(JsonNode node, String path) throws InvalidConfigurationException {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(substitute(field.getValue().textValue(), childPath)));
                } else {
                    apply(field.getValue(), childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(substitute(array.get(i).textValue(), childPath)));
                } else {
                    apply(array.get(i), childPath);
                }
            }
        }
    }

    String substitute(String text, String path) throws InvalidConfigurationException {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(text, last, matcher.start());
            last = matcher.end();
            if (matcher.group(0).equals("$${")) {
                out.append("${");
                continue;
            }
            String name = matcher.group(1);
            String value = environment.apply(name);
            if (value == null || (value.isEmpty() && matcher.group(2) != null)) {
                if (matcher.group(2) == null) {
                    throw new InvalidConfigurationException("Invalid configuration at " + path + ": environment variable "
                            + name + " is not set");
                }
                value = matcher.group(2);
            }
            out.append(value);
        }
        out.append(text, last, text.length());
        return out.toString();
    }
}
