package io.stowage.tck.memory;

import static java.util.Objects.requireNonNull;

import io.stowage.Capability;
import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Config of a {@link MemoryStore}: {@code { type: memory, namespace: images, capabilities: [READ, WRITE] }}.
 *
 * <ul>
 *   <li>{@code namespace}: the authority of the store's locations ({@code memory://<namespace>/<id>}):
 *       lower-case letters, digits, {@code .} and {@code -}; when absent, the store name is used.</li>
 *   <li>{@code capabilities}: what the store declares; all capabilities when absent. A store without
 *       {@code WRITE} is filled with {@link MemoryStore#seed}.</li>
 * </ul>
 */
public final class MemoryStoreConfig {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");

    private final Optional<String> namespace;
    private final Set<Capability> capabilities;

    private MemoryStoreConfig(Optional<String> namespace, Set<Capability> capabilities) {
        if (namespace.isPresent() && !isValidNamespace(namespace.get())) {
            throw new IllegalArgumentException("key 'namespace' must be 1 to 63 characters of [a-z0-9.-], "
                    + "starting and ending with a letter or digit");
        }
        this.namespace = namespace;
        this.capabilities = capabilities.isEmpty() ? Set.copyOf(EnumSet.allOf(Capability.class)) : Set.copyOf(capabilities);
    }

    /**
     * Every capability, the namespace taken from the store name.
     *
     * @return the config
     */
    public static MemoryStoreConfig defaults() {
        return new MemoryStoreConfig(Optional.empty(), Set.of());
    }

    /**
     * A config with an explicit namespace and capabilities.
     *
     * @param namespace the authority of the store's locations
     * @param capabilities what the store declares; all when empty
     * @return the config
     * @throws IllegalArgumentException if the namespace is not valid
     */
    public static MemoryStoreConfig of(String namespace, Set<Capability> capabilities) {
        return new MemoryStoreConfig(Optional.of(requireNonNull(namespace, "namespace is null")),
                requireNonNull(capabilities, "capabilities is null"));
    }

    /**
     * The config in a store's settings.
     *
     * @param settings the store's settings
     * @return the config
     * @throws InvalidConfigurationException naming the key, for an unknown key or a bad value
     */
    public static MemoryStoreConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys("namespace", "capabilities");
        Optional<String> namespace = settings.string("namespace");
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        List<String> names = settings.strings("capabilities").orElse(List.of());
        for (int i = 0; i < names.size(); i++) {
            try {
                capabilities.add(Capability.valueOf(names.get(i).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw settings.invalid("capabilities[" + i + "]", "expects one of " + EnumSet.allOf(Capability.class));
            }
        }
        return settings.build(() -> new MemoryStoreConfig(namespace, capabilities));
    }

    /**
     * The authority of the store's locations.
     *
     * @return the namespace, or empty to use the store's name
     */
    public Optional<String> namespace() {
        return namespace;
    }

    /**
     * What the store declares.
     *
     * @return the capabilities
     */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** The namespace and the capabilities. */
    @Override
    public String toString() {
        return "MemoryStoreConfig[namespace=" + namespace.orElse("(the store name)") + ", capabilities="
                + new java.util.TreeSet<>(capabilities) + "]";
    }

    static boolean isValidNamespace(String namespace) {
        return NAMESPACE.matcher(namespace).matches();
    }
}
