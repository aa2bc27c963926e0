package io.stowage.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them on a command line: {@code 1g}, {@code 512m}, {@code 4k}, {@code 4096}. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?");
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    private Sizes() {}

    /** Parses a size; k, m, g are powers of 1024. */
    static long parse(String text, String option) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(option + ": expected a size like 1g, 512m, 4k or 4096, got '" + text + "'");
        }
        long unit = switch (matcher.group(2)) {
            case "k" -> KIB;
            case "m" -> MIB;
            case "g" -> GIB;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(option + ": " + text + " is too large");
        }
    }

    /** {@code 1 GiB}, {@code 512 MiB}, {@code 4 KiB} or {@code 1000 B}. */
    static String format(long bytes) {
        if (bytes >= GIB && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " B";
    }
}
