package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** One key of a list's order, with its direction. */
public record SortKey(String key, boolean ascending) {
    /** The sortable attributes and the SQL that sorts them, NULL-free so that paging by marker is exact. */
    static final Map<String, String> EXPRESSIONS = Map.ofEntries(
            Map.entry("created_at", "i.created_at"),
            Map.entry("updated_at", "i.updated_at"),
            Map.entry("id", "i.id"),
            Map.entry("name", "COALESCE(i.name, '')"),
            Map.entry("status", "i.status"),
            Map.entry("size", "COALESCE(i.size, -1)"),
            Map.entry("virtual_size", "COALESCE(i.virtual_size, -1)"),
            Map.entry("disk_format", "COALESCE(i.disk_format, '')"),
            Map.entry("container_format", "COALESCE(i.container_format, '')"),
            Map.entry("visibility", "i.visibility"),
            Map.entry("min_ram", "i.min_ram"),
            Map.entry("min_disk", "i.min_disk"),
            Map.entry("owner", "COALESCE(i.owner, '')"));

    public SortKey {
        requireNonNull(key, "key is null");
        if (!EXPRESSIONS.containsKey(key)) {
            throw new IllegalArgumentException("Unknown sort key '" + key + "'");
        }
    }

    /** The key if the attribute is sortable. */
    public static Optional<SortKey> of(String key, boolean ascending) {
        return EXPRESSIONS.containsKey(key) ? Optional.of(new SortKey(key, ascending)) : Optional.empty();
    }

    String expression() {
        return EXPRESSIONS.get(key);
    }
}
