package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a user sets on an image (on create and with PATCH): the core attributes, the tags and the
 * free-form string properties. Validated by the API before it gets here.
 */
public record ImageAttributes(
        Optional<String> name,
        Visibility visibility,
        boolean isProtected,
        boolean hidden,
        Optional<String> containerFormat,
        Optional<String> diskFormat,
        int minRam,
        int minDisk,
        SortedSet<String> tags,
        Map<String, String> properties) {

    public ImageAttributes {
        requireNonNull(name, "name is null");
        requireNonNull(visibility, "visibility is null");
        requireNonNull(containerFormat, "containerFormat is null");
        requireNonNull(diskFormat, "diskFormat is null");
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(tags, "tags is null")));
        properties = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
    }

    /** Glance's defaults: no name, {@code shared}, unprotected, not hidden, no formats, no minimums. */
    public static ImageAttributes defaults() {
        return new ImageAttributes(Optional.empty(), Visibility.SHARED, false, false, Optional.empty(), Optional.empty(),
                0, 0, new TreeSet<>(), Map.of());
    }
}
