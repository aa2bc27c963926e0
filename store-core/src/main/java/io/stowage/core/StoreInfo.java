package io.stowage.core;

import static java.util.Objects.requireNonNull;

import io.stowage.Capability;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A configured store as the registry lists it ({@link StoreRegistry#describe()}). Immutable. */
public final class StoreInfo {
    private final String name;
    private final String type;
    private final Set<String> schemes;
    private final Set<Capability> capabilities;
    private final boolean isDefault;

    StoreInfo(String name, String type, Set<String> schemes, Set<Capability> capabilities, boolean isDefault) {
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.schemes = Set.copyOf(schemes);
        this.capabilities = Set.copyOf(capabilities);
        this.isDefault = isDefault;
    }

    /** {@return the store's name} */
    public String name() {
        return name;
    }

    /** {@return the provider type that created the store} */
    public String type() {
        return type;
    }

    /** {@return the lower-case schemes the store serves} */
    public Set<String> schemes() {
        return schemes;
    }

    /** {@return what the store declares it can do} */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** {@return whether adds without a store name go to this store} */
    public boolean isDefault() {
        return isDefault;
    }

    /** Infos are equal when every part is. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoreInfo info && info.name.equals(name) && info.type.equals(type)
                && info.schemes.equals(schemes) && info.capabilities.equals(capabilities) && info.isDefault == isDefault;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, schemes, capabilities, isDefault);
    }

    /** {@return every part, sets sorted} */
    @Override
    public String toString() {
        return "StoreInfo[name=" + name + ", type=" + type + ", schemes=" + new TreeSet<>(schemes) + ", capabilities="
                + new TreeSet<>(capabilities) + ", default=" + isDefault + "]";
    }
}
