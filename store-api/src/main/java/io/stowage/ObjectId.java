package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The id an object is added under: 1 to {@value #MAX_LENGTH} characters of
 * {@code [A-Za-z0-9._-]}, and neither {@code .} nor {@code ..}. Holding an {@code ObjectId}
 * means the id was checked, so no store ever sees a path separator, a NUL byte or a
 * traversal in an id.
 */
public final class ObjectId implements Comparable<ObjectId> {
    /** The longest id. */
    public static final int MAX_LENGTH = 255;

    private final String value;

    private ObjectId(String value) {
        this.value = value;
    }

    /**
     * Checks id text from outside and wraps it.
     *
     * @param value the text
     * @return the id
     * @throws InvalidIdException if the text is not a valid id, null included
     */
    public static ObjectId of(String value) throws InvalidIdException {
        if (!isValid(value)) {
            throw new InvalidIdException("Invalid object id " + Redaction.quote(value)
                    + ": expected 1 to " + MAX_LENGTH + " characters of [A-Za-z0-9._-], not '.' or '..'");
        }
        return new ObjectId(value);
    }

    /**
     * Whether {@code value} is a valid id.
     *
     * @param value the text, possibly null
     * @return whether {@link #of} would accept it
     */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || value.equals(".") || value.equals("..")) {
            return false;
        }
        // a loop, not a regular expression: every get and delete checks the id its location names
        for (int i = 0; i < value.length(); i++) {
            if (!isAllowed(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    /** {@return a new random id (a UUID)} */
    public static ObjectId random() {
        return new ObjectId(UUID.randomUUID().toString());
    }

    /** {@return the id's text} */
    public String value() {
        return value;
    }

    /** Ids order by their text. */
    @Override
    public int compareTo(ObjectId other) {
        requireNonNull(other, "other is null");
        return value.compareTo(other.value);
    }

    /** Ids are equal when their texts are; case matters. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectId id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@return the id's text} */
    @Override
    public String toString() {
        return value;
    }
}
