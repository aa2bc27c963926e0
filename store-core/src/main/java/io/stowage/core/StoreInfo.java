package io.stowage.core;

import static java.util.Objects.requireNonNull;

import io.stowage.Capability;
import java.util.Set;

/** A configured store as the registry lists it. */
public record StoreInfo(String name, String type, Set<String> schemes, Set<Capability> capabilities, boolean isDefault) {
    public StoreInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        schemes = Set.copyOf(schemes);
        capabilities = Set.copyOf(capabilities);
    }
}
