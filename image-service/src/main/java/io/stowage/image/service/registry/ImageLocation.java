package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/** Where an image's data lives: a store location URL and its metadata (which names the store). */
public record ImageLocation(String url, Map<String, String> metadata) {
    public ImageLocation {
        requireNonNull(url, "url is null");
        metadata = Map.copyOf(new TreeMap<>(requireNonNull(metadata, "metadata is null")));
    }
}
