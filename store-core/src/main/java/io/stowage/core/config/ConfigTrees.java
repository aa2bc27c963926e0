package io.stowage.core.config;

import io.stowage.Settings;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The plain trees a config is held as: maps with string keys, lists, strings, numbers, booleans and null. */
final class ConfigTrees {
    private ConfigTrees() {}

    /**
     * A sorted, unmodifiable deep copy of {@code tree}.
     *
     * @throws IllegalArgumentException if it holds anything else than plain values
     */
    static Map<String, Object> copy(Map<String, ?> tree) {
        return Settings.of("the configuration", tree).asMap();
    }

    /** {@code <type> with keys [a, b]}: the keys of a section, sorted, without their values. */
    static String shape(Map<String, ?> section, boolean withType) {
        SortedSet<String> keys = new TreeSet<>(section.keySet());
        if (!withType) {
            return "with keys " + keys;
        }
        keys.remove("type");
        Object type = section.get("type");
        return (type instanceof String text ? text : "(no type)") + " with keys " + keys;
    }
}
