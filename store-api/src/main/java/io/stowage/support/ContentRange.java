package io.stowage.support;

import static java.util.Objects.requireNonNull;

import io.stowage.MalformedResponseException;
import io.stowage.Redaction;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes {@code first} to {@code last} (both included) of an object of {@code total} bytes
 * (empty when the server sent {@code *}), as a {@code Content-Range: bytes first-last/total}
 * header of a 206 answer names them (RFC 9110, section 14.4).
 *
 * <p>One rule for every header a server sends: a missing header is empty, a header that does not
 * follow the grammar or names an impossible range is a {@link MalformedResponseException}. A
 * {@code last} at or past {@code total} is cut at {@code total - 1}: some servers (S3Proxy) echo
 * the last byte that was asked for although the object ends before it, and send the bytes up to
 * the end; a reader that checks the length of what arrives against {@link #length()} loses
 * nothing by it.
 */
public record ContentRange(long first, long last, OptionalLong total) {
    private static final Pattern SATISFIED = Pattern.compile("(?i:bytes) ([0-9]{1,19})-([0-9]{1,19})/([0-9]{1,19}|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("(?i:bytes) \\*/([0-9]{1,19})");

    /**
     * Checks the range.
     *
     * @param first the first byte of the body
     * @param last the last byte of the body
     * @param total the size of the whole object, when the server sent it
     * @throws IllegalArgumentException unless {@code 0 <= first <= last < Long.MAX_VALUE} and
     *     {@code last < total} when the total is known
     */
    public ContentRange {
        requireNonNull(total, "total is null");
        if (first < 0 || last < first || last == Long.MAX_VALUE || (total.isPresent() && total.getAsLong() <= last)) {
            throw new IllegalArgumentException("Inconsistent content range " + first + "-" + last + "/"
                    + (total.isPresent() ? String.valueOf(total.getAsLong()) : "*"));
        }
    }

    /**
     * The range a 206 answer names in its {@code Content-Range} header.
     *
     * @param header the header's value; null when the answer has none
     * @param answer who answered what, for messages: {@code "S3 answered a read of s3://images/abc"}
     * @return empty when {@code header} is null
     * @throws MalformedResponseException when the header is not {@code bytes first-last/total} or
     *     {@code bytes first-last/*} with numbers that fit a {@code long} ("unreadable"), or names
     *     no byte of the object ("inconsistent")
     */
    public static Optional<ContentRange> parse(String header, String answer) throws MalformedResponseException {
        requireNonNull(answer, "answer is null");
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SATISFIED.matcher(header.trim());
        if (!matcher.matches()) {
            throw unreadable(header, answer);
        }
        long first;
        long last;
        OptionalLong total;
        try {
            first = Long.parseLong(matcher.group(1));
            last = Long.parseLong(matcher.group(2));
            total = matcher.group(3).equals("*") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(matcher.group(3)));
        } catch (NumberFormatException e) { // 19 digits past Long.MAX_VALUE
            throw unreadable(header, answer);
        }
        if (total.isPresent() && last >= total.getAsLong()) {
            last = total.getAsLong() - 1;
        }
        if (last < first || last == Long.MAX_VALUE) {
            throw new MalformedResponseException(answer + " with an inconsistent Content-Range: " + Redaction.quote(header));
        }
        return Optional.of(new ContentRange(first, last, total));
    }

    /**
     * The size of the object that a 416 answer names in its {@code Content-Range: bytes *}{@code /total}.
     *
     * @param header the header's value; null when the answer has none
     * @param answer who answered what, for messages
     * @return empty when {@code header} is null
     * @throws MalformedResponseException when the header is not {@code bytes *}{@code /total}
     *     with a total that fits a {@code long}
     */
    public static OptionalLong parseUnsatisfied(String header, String answer) throws MalformedResponseException {
        requireNonNull(answer, "answer is null");
        if (header == null) {
            return OptionalLong.empty();
        }
        Matcher matcher = UNSATISFIED.matcher(header.trim());
        if (!matcher.matches()) {
            throw unreadable(header, answer);
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            throw unreadable(header, answer);
        }
    }

    /** {@return how many bytes it names} */
    public long length() {
        return last - first + 1;
    }

    private static MalformedResponseException unreadable(String header, String answer) {
        return new MalformedResponseException(answer + " with an unreadable Content-Range: " + Redaction.quote(header));
    }
}
