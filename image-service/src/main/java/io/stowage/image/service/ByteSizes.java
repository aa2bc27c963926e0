package io.stowage.image.service;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a byte count from config text: {@code 1073741824}, {@code 512MiB}, {@code 1TiB}, {@code 10GB}. */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmgtp]i?b|b)?");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
            Map.entry("tb", 1_000_000_000_000L), Map.entry("pb", 1_000_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40), Map.entry("pib", 1L << 50));

    private ByteSizes() {}

    /** @throws IllegalArgumentException if the text is not a size, or one beyond a long */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a byte count such as 1073741824, 512MiB or 1TiB");
        }
        long unit = matcher.group(2) == null ? 1 : UNITS.get(matcher.group(2));
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("the size is too large");
        }
    }
}
