package io.stowage.core.config;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The whole Stowage configuration: the stores by name, the default store, the direct
 * download settings and the image service's {@code images} section (empty when absent). Read
 * from YAML or JSON ({@link #load}, {@link #parse}) or built from an object tree
 * ({@link #fromTree}); {@code ${VAR}} and {@code ${VAR:-default}} string values are resolved
 * from the environment while reading. The config holds plain values only (maps, lists, strings,
 * numbers, booleans): each store section keeps its {@code type}, and the rest becomes the
 * {@link Settings} its provider receives ({@link #storeSettings}).
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
 * reads and checks it; the registry keeps it as it is (with {@code ${VAR}} resolved), so that one
 * file configures the stores and the service and every other command reads that file too.
 */
public final class StowageConfig {
    private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Optional<String> defaultStore;
    private final Map<String, Map<String, Object>> stores;
    private final DirectDownloadConfig directDownload;
    private final Map<String, Object> images;

    private StowageConfig(Optional<String> defaultStore, Map<String, Map<String, Object>> stores,
            DirectDownloadConfig directDownload, Map<String, Object> images) {
        this.defaultStore = defaultStore;
        this.stores = stores;
        this.directDownload = directDownload;
        this.images = images;
    }

    /**
     * Reads a YAML or JSON config file, resolving {@code ${VAR}} from the process environment.
     *
     * @param file the config file
     * @return the config
     * @throws InvalidConfigurationException if the file cannot be read or is not a valid config; the
     *     message never repeats a value of the file
     */
    public static StowageConfig load(Path file) throws InvalidConfigurationException {
        return parse(ConfigText.read(file), System::getenv);
    }

    /**
     * Parses YAML or JSON text (JSON is read as YAML, which it is a subset of).
     *
     * @param text the document
     * @param environment the values of {@code ${VAR}} references; null for an unset variable
     * @return the config
     * @throws InvalidConfigurationException if the text is not a valid config; the message never repeats a value
     */
    public static StowageConfig parse(String text, Function<String, String> environment) throws InvalidConfigurationException {
        return fromTree(ConfigText.parse(text), environment);
    }

    /**
     * Builds the config from an object tree (maps with string keys, lists, strings, numbers,
     * booleans), as a program would assemble it instead of a file.
     *
     * @param tree the top-level mapping
     * @param environment the values of {@code ${VAR}} references; null for an unset variable
     * @return the config
     * @throws InvalidConfigurationException if the tree is not a valid config or holds other values
     */
    public static StowageConfig fromTree(Map<String, ?> tree, Function<String, String> environment)
            throws InvalidConfigurationException {
        requireNonNull(environment, "environment is null");
        if (tree == null) {
            throw new InvalidConfigurationException("Invalid configuration: the document is empty");
        }
        Settings top;
        try {
            top = Settings.of("the configuration", new EnvironmentSubstitution(environment).apply(tree));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("Invalid configuration: the object tree holds values that are not"
                    + " config values");
        }
        top.checkKeys("default", "stores", "direct-download", "images");
        Optional<String> defaultStore = top.string("default");
        Map<String, Map<String, Object>> stores = stores(top);
        DirectDownloadConfig directDownload = directDownload(top);
        Map<String, Object> images = top.section("images").map(Settings::asMap).orElse(Map.of());
        return new StowageConfig(defaultStore, stores, directDownload, images);
    }

    private static Map<String, Map<String, Object>> stores(Settings top) throws InvalidConfigurationException {
        Settings section = top.section("stores").orElse(null);
        if (section == null || section.keys().isEmpty()) {
            throw new InvalidConfigurationException("Invalid configuration: no stores are configured under 'stores'");
        }
        Map<String, Map<String, Object>> stores = new TreeMap<>();
        for (String name : section.keys()) {
            if (!STORE_NAME.matcher(name).matches()) {
                throw top.invalid("store names are 1 to 64 characters of [A-Za-z0-9._-]");
            }
            Settings store = section.section(name)
                    .orElseThrow(() -> top.invalid("store '" + name + "' has no settings"));
            stores.put(name, store.asMap());
        }
        return Collections.unmodifiableMap(stores);
    }

    private static DirectDownloadConfig directDownload(Settings top) throws InvalidConfigurationException {
        Optional<Settings> section = top.section("direct-download");
        if (section.isEmpty()) {
            return DirectDownloadConfig.NONE;
        }
        Settings settings = section.get();
        settings.checkKeys("allowed-schemes", "handlers");
        List<String> schemes = settings.strings("allowed-schemes").orElse(List.of());
        Map<String, Map<String, Object>> handlers = new TreeMap<>();
        Optional<Settings> handlerSection = settings.section("handlers");
        if (handlerSection.isPresent()) {
            for (String type : handlerSection.get().keys()) {
                handlers.put(type, handlerSection.get().section(type).map(Settings::asMap).orElse(null));
            }
        }
        return settings.build(() -> DirectDownloadConfig.of(schemes, handlers));
    }

    /**
     * The store named when none is given.
     *
     * @return the {@code default} key, or empty when the config does not name one
     */
    public Optional<String> defaultStore() {
        return defaultStore;
    }

    /**
     * Each store's section, with its {@code type}, as plain values.
     *
     * @return the sections by store name, sorted by name
     */
    public Map<String, Map<String, Object>> stores() {
        return stores;
    }

    /**
     * The settings the provider of store {@code name} receives: its section without {@code type}.
     *
     * @param name a store name of {@link #stores()}
     * @return the settings, whose messages name {@code store '<name>'}
     * @throws IllegalArgumentException if no store has that name
     */
    public Settings storeSettings(String name) {
        Map<String, Object> section = stores.get(requireNonNull(name, "name is null"));
        if (section == null) {
            throw new IllegalArgumentException("No store named '" + name + "' in the config");
        }
        Map<String, Object> withoutType = new TreeMap<>(section);
        withoutType.remove("type");
        return Settings.of("store '" + name + "'", withoutType);
    }

    /**
     * The {@code direct-download} section.
     *
     * @return the section; {@link DirectDownloadConfig#NONE} when absent
     */
    public DirectDownloadConfig directDownload() {
        return directDownload;
    }

    /**
     * The image service's {@code images} section, as plain values.
     *
     * @return the section; empty when absent
     */
    public Map<String, Object> images() {
        return images;
    }

    /**
     * The shape of the config — the default, each store's name, type and the keys it sets, the
     * direct-download section likewise — and never a value: values come from the environment
     * and may be secrets.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StowageConfig[default=").append(defaultStore.orElse(null)).append(", stores={");
        String separator = "";
        for (Map.Entry<String, Map<String, Object>> store : stores.entrySet()) {
            text.append(separator).append(store.getKey()).append('=').append(ConfigTrees.shape(store.getValue(), true));
            separator = ", ";
        }
        text.append("}, directDownload=").append(directDownload);
        if (!images.isEmpty()) {
            text.append(", images=").append(ConfigTrees.shape(images, false));
        }
        return text.append(']').toString();
    }
}
