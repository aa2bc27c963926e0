package io.stowage.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code direct-download} section: which schemes may be fetched straight from where they
 * live, and the settings of each download handler, keyed by handler type. Immutable.
 */
public final class DirectDownloadConfig {
    /** No allowed scheme and no handler settings: nothing is downloaded directly. */
    public static final DirectDownloadConfig NONE = new DirectDownloadConfig(List.of(), Map.of());

    private final List<String> allowedSchemes;
    private final Map<String, Map<String, Object>> handlers;

    private DirectDownloadConfig(List<String> allowedSchemes, Map<String, Map<String, Object>> handlers) {
        this.allowedSchemes = allowedSchemes;
        this.handlers = handlers;
    }

    /**
     * A section allowing {@code allowedSchemes} with the settings of {@code handlers}.
     *
     * @param allowedSchemes the schemes, compared case-insensitively (kept in lower case, duplicates dropped)
     * @param handlers each handler type's settings: plain values, as a config file's mapping would hold them
     * @return the section
     * @throws IllegalArgumentException if a scheme is not a URI scheme or a handler has no settings
     */
    public static DirectDownloadConfig of(List<String> allowedSchemes, Map<String, ? extends Map<String, ?>> handlers) {
        requireNonNull(allowedSchemes, "allowedSchemes is null");
        requireNonNull(handlers, "handlers is null");
        List<String> schemes = allowedSchemes.stream()
                .map(scheme -> {
                    if (scheme == null || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                        throw new IllegalArgumentException("allowed-schemes holds an invalid scheme");
                    }
                    return scheme.toLowerCase(Locale.ROOT);
                })
                .distinct()
                .toList();
        Map<String, Map<String, Object>> settings = new TreeMap<>();
        handlers.forEach((type, values) -> {
            if (values == null) {
                throw new IllegalArgumentException("handler '" + type + "' has no settings (use {} for none)");
            }
            settings.put(type, ConfigTrees.copy(values));
        });
        return new DirectDownloadConfig(schemes, Collections.unmodifiableMap(settings));
    }

    /**
     * The schemes direct download may use.
     *
     * @return lower-case schemes, in config order, without duplicates
     */
    public List<String> allowedSchemes() {
        return allowedSchemes;
    }

    /**
     * The settings of each handler type under {@code handlers}; a type that is absent gets none.
     *
     * @return plain values by handler type, sorted by type
     */
    public Map<String, Map<String, Object>> handlers() {
        return handlers;
    }

    /**
     * The same handler settings with other allowed schemes (the CLI's {@code --allowed-schemes}).
     *
     * @param schemes the schemes to allow instead
     * @return the new section
     * @throws IllegalArgumentException if a scheme is not a URI scheme
     */
    public DirectDownloadConfig withAllowedSchemes(List<String> schemes) {
        return of(schemes, handlers);
    }

    /** The allowed schemes and each handler's keys, never a value: handler settings may hold secrets. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DirectDownloadConfig[allowedSchemes=").append(allowedSchemes)
                .append(", handlers={");
        String separator = "";
        for (Map.Entry<String, Map<String, Object>> handler : handlers.entrySet()) {
            text.append(separator).append(handler.getKey()).append(' ').append(ConfigTrees.shape(handler.getValue(), false));
            separator = ", ";
        }
        return text.append("}]").toString();
    }
}
