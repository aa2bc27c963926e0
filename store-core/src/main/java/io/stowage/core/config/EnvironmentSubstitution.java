package io.stowage.core.config;

import io.stowage.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A copy of {@code tree} (maps, lists, scalars) with every string substituted. */
    Map<String, Object> apply(Map<?, ?> tree) throws InvalidConfigurationException {
        return applyMap(tree, "");
    }

    private Map<String, Object> applyMap(Map<?, ?> map, String path) throws InvalidConfigurationException {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            copy.put(key, applyValue(entry.getValue(), path.isEmpty() ? key : path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private Object applyValue(Object value, String path) throws InvalidConfigurationException {
        if (value instanceof String text) {
            return substitute(text, path);
        }
        if (value instanceof Map<?, ?> map) {
            return applyMap(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(applyValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
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
