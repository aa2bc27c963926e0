package io.stowage.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stowage.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The whole Stowage configuration: the stores by name, the default store, the direct
 * download settings and the image service's {@code images} section (empty when absent). Read
 * from YAML or JSON ({@link #load}, {@link #parse}) or built from an object tree
 * ({@link #fromTree}); {@code ${VAR}} and {@code ${VAR:-default}} string values are resolved
 * from the environment while reading. Each store section keeps its
 * {@code type} and the rest is bound later by the store's provider.
 *
 * <pre>
 * default: local
 * stores:
 *   local: { type: file, dirs: ["./stowage-data"] }
 * direct-download:
 *   allowed-schemes: [file]
 *   handlers:
 *     file: { filesystems: [ { id: shared-nfs, mountpoint: /mnt/images } ] }
 * images:
 *   listen: "127.0.0.1:9292"
 * </pre>
 *
 * <p>The {@code images} section belongs to the image service ({@code stowage serve}), which
 * binds and checks it; the registry keeps it as it is (with {@code ${VAR}} resolved), so that one
 * file configures the stores and the service and every other command reads that file too.
 */
public record StowageConfig(
        @JsonProperty("default") String defaultStore,
        @JsonProperty("stores") Map<String, ObjectNode> stores,
        @JsonProperty("direct-download") DirectDownloadConfig directDownload,
        @JsonProperty("images") ObjectNode images) {

    private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @JsonCreator
    public StowageConfig {
        stores = stores == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(stores));
        directDownload = directDownload == null ? DirectDownloadConfig.NONE : directDownload;
        images = images == null ? ConfigBinder.MAPPER.createObjectNode() : images;
        for (Map.Entry<String, ObjectNode> store : stores.entrySet()) {
            if (!STORE_NAME.matcher(store.getKey()).matches()) {
                throw new IllegalArgumentException("store names are 1 to 64 characters of [A-Za-z0-9._-]");
            }
            if (store.getValue() == null) {
                throw new IllegalArgumentException("store '" + store.getKey() + "' has no settings");
            }
        }
    }

    /** A config without an {@code images} section. */
    public StowageConfig(String defaultStore, Map<String, ObjectNode> stores, DirectDownloadConfig directDownload) {
        this(defaultStore, stores, directDownload, null);
    }

    /**
     * The shape of the config — the default, each store's name, type and the keys it sets, the
     * direct-download section likewise — and never a value: values come from the environment
     * and may be secrets.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StowageConfig[default=").append(defaultStore).append(", stores={");
        String separator = "";
        for (Map.Entry<String, ObjectNode> store : stores.entrySet()) {
            text.append(separator).append(store.getKey()).append('=').append(shape(store.getValue(), true));
            separator = ", ";
        }
        text.append("}, directDownload=").append(directDownload);
        if (!images.isEmpty()) {
            text.append(", images=").append(shape(images, false));
        }
        return text.append(']').toString();
    }

    /** {@code <type> with keys [a, b]}: the keys of a section, sorted, without their values. */
    static String shape(ObjectNode section, boolean withType) {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        section.fieldNames().forEachRemaining(keys::add);
        JsonNode type = section.get("type");
        if (!withType) {
            return "with keys " + keys;
        }
        keys.remove("type");
        return (type != null && type.isTextual() ? type.textValue() : "(no type)") + " with keys " + keys;
    }

    /** Reads a YAML or JSON config file, resolving {@code ${VAR}} from the process environment. */
    public static StowageConfig load(Path file) throws InvalidConfigurationException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException("Cannot read config file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("Cannot read config file " + file + ": not UTF-8 text");
        }
        return parse(text, System::getenv);
    }

    /** Parses YAML or JSON text (JSON is read as YAML, which it is a subset of). */
    public static StowageConfig parse(String text, Function<String, String> environment) throws InvalidConfigurationException {
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
        return fromTree(tree, environment);
    }

    /**
     * Builds the config from an object tree (maps, lists, strings, numbers, booleans), as
     * a program would assemble it instead of a file.
     */
    public static StowageConfig fromTree(Map<String, ?> tree, Function<String, String> environment)
            throws InvalidConfigurationException {
        JsonNode node;
        try {
            node = ConfigBinder.MAPPER.valueToTree(tree);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("Invalid configuration: the object tree holds values that are not config values");
        }
        return fromTree(node, environment);
    }

    static StowageConfig fromTree(JsonNode tree, Function<String, String> environment) throws InvalidConfigurationException {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidConfigurationException("Invalid configuration: the document is empty");
        }
        if (!tree.isObject()) {
            throw new InvalidConfigurationException("Invalid configuration: expected a mapping with 'stores' at the top");
        }
        JsonNode copy = tree.deepCopy();
        new EnvironmentSubstitution(environment).apply(copy, "");
        StowageConfig config = ConfigBinder.bind(copy, StowageConfig.class, "the configuration");
        if (config.stores.isEmpty()) {
            throw new InvalidConfigurationException("Invalid configuration: no stores are configured under 'stores'");
        }
        return config;
    }
}
