package io.stowage.image.service.api;

import io.stowage.ByteRange;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A download's {@code Range} header: one range, {@code bytes=first-last}, {@code bytes=first-}
 * or {@code bytes=-suffix}. Several ranges or another unit are refused with 416, as is a range
 * that starts beyond the data.
 */
final class ByteRangeHeader {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private ByteRangeHeader() {}

    /** The range of {@code size} bytes that {@code header} asks for; empty for the whole. */
    static Optional<ByteRange> parse(String header, long size) throws ApiException {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = RANGE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            throw unsatisfiable("Only one byte range (bytes=first-last) is supported", size);
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable("The range is empty", size);
                }
                long length = Math.min(suffix, size);
                return Optional.of(ByteRange.of(size - length, length));
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            if (first >= size || last < first) {
                throw unsatisfiable("The range starts beyond the " + size + " bytes of the image", size);
            }
            return Optional.of(ByteRange.of(first, last - first + 1));
        } catch (NumberFormatException e) {
            throw unsatisfiable("The range is too large", size);
        }
    }

    private static ApiException unsatisfiable(String reason, long size) {
        return new ApiException(416, reason, Map.of("Content-Range", "bytes */" + size));
    }
}
