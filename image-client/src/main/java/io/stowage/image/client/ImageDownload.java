package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.Checksums;
import java.util.List;

/**
 * A finished, verified download of an image's data.
 *
 * @param id the image
 * @param source the url of the location it came from, or {@value #API} when the API served it
 * @param size the bytes in the target file
 * @param checksums the checksums computed over them (the one verified among them)
 * @param apiReads when the API served it: which server delivered which bytes, in order
 */
public record ImageDownload(String id, String source, long size, Checksums checksums, List<ApiRead> apiReads) {
    /** The source of a download the API served. */
    public static final String API = "api";

    /** Checks and copies the values. */
    public ImageDownload {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(checksums, "checksums is null");
        apiReads = List.copyOf(requireNonNull(apiReads, "apiReads is null"));
    }
}
