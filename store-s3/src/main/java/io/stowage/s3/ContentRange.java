package io.stowage.s3;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range: bytes FIRST-LAST/SIZE} header of a ranged GET answer. Some servers
 * (S3Proxy) echo the requested last byte even when it lies past the end; it is cut at the end,
 * which is what they send.
 */
record ContentRange(long first, long last, long size) {
    private static final Pattern FORMAT = Pattern.compile("bytes (\\d{1,19})-(\\d{1,19})/(\\d{1,19})");

    ContentRange {
        if (first < 0 || last < first || size <= last) {
            throw new IllegalArgumentException("Inconsistent content range " + first + "-" + last + "/" + size);
        }
    }

    /**
     * The parsed header of an answer to a read of {@code object}; empty when there is none.
     *
     * @throws MalformedResponseException when the header is unreadable or inconsistent
     */
    static Optional<ContentRange> parse(String header, S3Address object) throws MalformedResponseException {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()) {
            throw new MalformedResponseException("S3 answered a read of " + object + " with an unreadable Content-Range: "
                    + header);
        }
        try {
            long size = Long.parseLong(matcher.group(3));
            long last = Math.min(Long.parseLong(matcher.group(2)), size - 1);
            return Optional.of(new ContentRange(Long.parseLong(matcher.group(1)), last, size));
        } catch (IllegalArgumentException e) { // NumberFormatException past Long.MAX_VALUE, or the checks above
            throw new MalformedResponseException("S3 answered a read of " + object
                    + " with an inconsistent Content-Range: " + header);
        }
    }
}
