package io.stowage.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code direct-download} section: which schemes may be fetched straight from where
 * they live, and the config of each download handler, keyed by handler type.
 */
public record DirectDownloadConfig(
        @JsonProperty("allowed-schemes") List<String> allowedSchemes,
        @JsonProperty("handlers") Map<String, ObjectNode> handlers) {

    public static final DirectDownloadConfig NONE = new DirectDownloadConfig(List.of(), Map.of());

    public DirectDownloadConfig {
        allowedSchemes = allowedSchemes == null ? List.of() : allowedSchemes.stream()
                .map(scheme -> {
                    if (scheme == null || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                        throw new IllegalArgumentException("allowed-schemes holds an invalid scheme");
                    }
                    return scheme.toLowerCase(Locale.ROOT);
                })
                .distinct()
                .toList();
        handlers = handlers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(handlers));
        handlers.forEach((type, node) -> {
            if (node == null) {
                throw new IllegalArgumentException("handler '" + type + "' has no settings (use {} for none)");
            }
        });
    }

    /** The allowed schemes and each handler's keys, never a value: handler settings may hold secrets. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DirectDownloadConfig[allowedSchemes=").append(allowedSchemes)
                .append(", handlers={");
        String separator = "";
        for (Map.Entry<String, ObjectNode> handler : handlers.entrySet()) {
            text.append(separator).append(handler.getKey()).append(' ').append(StowageConfig.shape(handler.getValue(), false));
            separator = ", ";
        }
        return text.append("}]").toString();
    }

    /** The same handler settings with other allowed schemes (the CLI's {@code --allowed-schemes}). */
    public DirectDownloadConfig withAllowedSchemes(List<String> schemes) {
        return new DirectDownloadConfig(schemes, handlers);
    }
}
