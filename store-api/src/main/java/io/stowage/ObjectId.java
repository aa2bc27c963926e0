package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id an object is added under: 1 to {@value #MAX_LENGTH} characters of
 * {@code [A-Za-z0-9._-]}, and neither {@code .} nor {@code ..}. Holding an {@code ObjectId}
 * means the id was checked, so no store ever sees a path separator, a NUL byte or a
 * traversal in an id.
 */
public final class ObjectId implements Comparable<ObjectId> {
    public static final int MAX_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private final String value;

    private ObjectId(String value) {
        this.value = value;
    }

    /** Checks {@code value} and wraps it; anything else than a valid id is an {@link InvalidIdException}. */
    public static ObjectId of(String value) throws InvalidIdException {
        if (!isValid(value)) {
            throw new InvalidIdException("Invalid object id " + Redaction.quote(value)
                    + ": expected 1 to " + MAX_LENGTH + " characters of [A-Za-z0-9._-], not '.' or '..'");
        }
        return new ObjectId(value);
    }

    public static boolean isValid(String value) {
        return value != null && ALLOWED.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }

    /** A new random id (a UUID). */
    public static ObjectId random() {
        return new ObjectId(UUID.randomUUID().toString());
    }

    public String value() {
        return value;
    }

    @Override
    public int compareTo(ObjectId other) {
        requireNonNull(other, "other is null");
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectId id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
