package io.stowage.tck.memory;

import io.stowage.Capability;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Config of a {@link MemoryStore}.
 *
 * @param namespace the authority of the store's locations ({@code memory://<namespace>/<id>}):
 *     lower-case letters, digits, {@code .} and {@code -}; when absent, the store name is used
 * @param capabilities what the store offers; all capabilities when absent. A store without
 *     {@code WRITE} is filled with {@link MemoryStore#seed}.
 */
public record MemoryStoreConfig(String namespace, Set<Capability> capabilities) {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");

    public MemoryStoreConfig {
        if (namespace != null && !isValidNamespace(namespace)) {
            throw new IllegalArgumentException("key 'namespace' must be 1 to 63 characters of [a-z0-9.-], "
                    + "starting and ending with a letter or digit");
        }
        if (capabilities != null && capabilities.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("key 'capabilities' holds an empty entry");
        }
        capabilities = capabilities == null || capabilities.isEmpty()
                ? Set.copyOf(EnumSet.allOf(Capability.class))
                : Set.copyOf(capabilities);
    }

    /** Every capability, the namespace taken from the store name. */
    public static MemoryStoreConfig defaults() {
        return new MemoryStoreConfig(null, null);
    }

    static boolean isValidNamespace(String namespace) {
        return NAMESPACE.matcher(namespace).matches();
    }
}
