package io.stowage.file;

import io.stowage.InvalidIdException;
import io.stowage.ObjectId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How an object id becomes the name of its file in a data dir, and back.
 *
 * <ul>
 *   <li>{@link #ID}: the file is named as the id, Glance's {@code <dir>/<id>} layout. For
 *       filesystems that tell names apart by case (Linux, most mounts).</li>
 *   <li>{@link #ESCAPED}: for filesystems that fold case (macOS, Windows, case-insensitive
 *       mounts) and Windows-style ones, where {@code Image} and {@code image} would be one file
 *       and {@code CON}, {@code nul.txt} or {@code a.} cannot be stored as named. An upper-case
 *       letter becomes {@code _} and the letter in lower case, {@code _} becomes {@code __}, the
 *       third character of a Windows device name ({@code con}, {@code prn}, {@code aux},
 *       {@code nul}, {@code com0}-{@code com9}, {@code lpt0}-{@code lpt9}, alone or before a
 *       {@code .}) and a final {@code .} become {@code ~} and two lower-case hex digits. No two ids
 *       get names that differ only in case, and an id of lower-case letters, digits, {@code .}
 *       and {@code -} that is no device name and does not end in {@code .} (Glance's UUIDs) keeps
 *       its name, so the layout stays Glance's for Glance's own ids.</li>
 * </ul>
 *
 * <p>Going back is strict: a name is an object only if it is exactly the name its id gets, so
 * no other spelling of an id (another case, an escape that was not needed) reaches an object,
 * and names with a {@code ~} of this module's own files (temp files, the lock) are never objects.
 */
enum ObjectFileNaming {
    ID {
        @Override
        String fileName(ObjectId id) {
            return id.value();
        }

        @Override
        Optional<String> idValue(String fileName) {
            return Optional.of(fileName);
        }
    },
    ESCAPED {
        @Override
        String fileName(ObjectId id) {
            return escape(id.value());
        }

        @Override
        Optional<String> idValue(String fileName) {
            return unescape(fileName);
        }
    };

    /** The longest file name the filesystems this module supports all allow. */
    static final int MAX_FILE_NAME = 255;

    private static final Set<String> DEVICE_NAMES = deviceNames();

    /** The name of the file of object {@code id} (not checked against {@link #MAX_FILE_NAME}). */
    abstract String fileName(ObjectId id);

    /** The id whose file has the name {@code fileName}, if the name is the file name of an id. */
    Optional<ObjectId> id(String fileName) {
        Optional<String> value = idValue(fileName);
        if (value.isEmpty() || !ObjectId.isValid(value.get()) || !fileName(validId(value.get())).equals(fileName)) {
            return Optional.empty();
        }
        return Optional.of(validId(value.get()));
    }

    /** The id a name would spell, before the checks of {@link #id}. */
    abstract Optional<String> idValue(String fileName);

    private static String escape(String id) {
        StringBuilder name = new StringBuilder(id.length() + 8);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '_') {
                name.append("__");
            } else if (c >= 'A' && c <= 'Z') {
                name.append('_').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        int dot = name.indexOf(".");
        if (DEVICE_NAMES.contains(name.substring(0, dot < 0 ? name.length() : dot))) {
            name.replace(2, 3, hexEscape(name.charAt(2)));
        }
        if (name.charAt(name.length() - 1) == '.') {
            name.replace(name.length() - 1, name.length(), hexEscape('.'));
        }
        return name.toString();
    }

    private static Optional<String> unescape(String name) {
        StringBuilder id = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i + 1 < name.length()) {
                char next = name.charAt(++i);
                if (next == '_') {
                    id.append('_');
                } else if (next >= 'a' && next <= 'z') {
                    id.append(Character.toUpperCase(next));
                } else {
                    return Optional.empty();
                }
            } else if (c == '~' && i + 2 < name.length()) {
                int high = Character.digit(name.charAt(i + 1), 16);
                int low = Character.digit(name.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                id.append((char) (high * 16 + low));
                i += 2;
            } else if (c == '_' || c == '~') {
                return Optional.empty();
            } else {
                id.append(c);
            }
        }
        return Optional.of(id.toString());
    }

    private static String hexEscape(char c) {
        return String.format(Locale.ROOT, "~%02x", (int) c);
    }

    private static Set<String> deviceNames() {
        Set<String> names = new java.util.HashSet<>(Set.of("con", "prn", "aux", "nul"));
        for (int digit = 0; digit <= 9; digit++) {
            names.add("com" + digit);
            names.add("lpt" + digit);
        }
        return Set.copyOf(names);
    }

    private static ObjectId validId(String value) {
        try {
            return ObjectId.of(value);
        } catch (InvalidIdException e) {
            throw new IllegalStateException("checked id refused: " + value, e);
        }
    }
}
