package io.stowage.http;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range} header: {@code bytes first-last/total}, {@code bytes first-last/*}
 * (total unknown) or, on a 416 answer, {@code bytes *}{@code /total}.
 */
record ContentRange(OptionalLong first, OptionalLong last, OptionalLong total) {
    private static final Pattern SATISFIED = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d{1,18})");

    /** The header's value, when it is well formed ({@code last >= first}, {@code last < total}). */
    static Optional<ContentRange> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.trim();
        Matcher satisfied = SATISFIED.matcher(text);
        if (satisfied.matches()) {
            long first = Long.parseLong(satisfied.group(1));
            long last = Long.parseLong(satisfied.group(2));
            OptionalLong total = satisfied.group(3).equals("*")
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(satisfied.group(3)));
            if (last < first || (total.isPresent() && last >= total.getAsLong())) {
                return Optional.empty();
            }
            return Optional.of(new ContentRange(OptionalLong.of(first), OptionalLong.of(last), total));
        }
        Matcher unsatisfied = UNSATISFIED.matcher(text);
        if (unsatisfied.matches()) {
            return Optional.of(new ContentRange(OptionalLong.empty(), OptionalLong.empty(),
                    OptionalLong.of(Long.parseLong(unsatisfied.group(1)))));
        }
        return Optional.empty();
    }

    /** Whether it names the bytes sent (not the {@code *}{@code /total} of a 416). */
    boolean isSatisfied() {
        return first.isPresent();
    }

    /** How many bytes it names. */
    long length() {
        return last.getAsLong() - first.getAsLong() + 1;
    }
}
