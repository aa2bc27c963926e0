package io.stowage.file;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One entry of {@code dirs}: a path and its priority, written {@code "path"} or
 * {@code "path:priority"} as in Glance's {@code filesystem_store_datadirs}. The priority is
 * the integer after the last colon; without one it is 0.
 */
record DataDirSpec(String path, int priority) {
    private static final Pattern PRIORITY = Pattern.compile("-?[0-9]{1,9}");

    DataDirSpec {
        requireNonNull(path, "path is null");
    }

    /** @throws IllegalArgumentException naming {@code key} when the entry is empty or the priority unreadable */
    static DataDirSpec parse(String text, String key) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + ": a data dir path must not be empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(key + ": a data dir path must not contain a NUL character");
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new DataDirSpec(text, 0);
        }
        String suffix = text.substring(colon + 1);
        if (!PRIORITY.matcher(suffix).matches()) {
            if (suffix.isEmpty() || suffix.chars().allMatch(c -> c == '-' || Character.isDigit(c))) {
                throw new IllegalArgumentException(key + ": the priority after ':' must be an integer of at most 9 digits");
            }
            return new DataDirSpec(text, 0);
        }
        String path = text.substring(0, colon);
        if (path.isBlank()) {
            throw new IllegalArgumentException(key + ": a data dir path must not be empty");
        }
        return new DataDirSpec(path, Integer.parseInt(suffix));
    }
}
