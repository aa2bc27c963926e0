package io.stowage.s3;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration from config text: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h} or
 * ISO-8601 ({@code PT30S}).
 */
final class DurationText {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private DurationText() {}

    static Duration parse(String text) {
        String normal = text.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(normal);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (expected e.g. 500ms, 30s, 2m or PT30S)");
        }
    }
}
