package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One location of an image's data as the API shows it ({@code {"url": ..., "metadata": {...}}});
 * the url is as the service recorded it, not yet parsed.
 */
public record ImageLocation(String url, Map<String, String> metadata) {
    /** Copies the metadata. */
    public ImageLocation {
        requireNonNull(url, "url is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
    }
}
