package io.stowage;

import java.util.OptionalLong;

/**
 * The part of an object a read wants: from {@code offset}, {@code length} bytes or to the
 * end. The same rules hold on every backend (see {@link #lengthWithin(long, Location)}).
 *
 * @param offset the first byte to read, from 0
 * @param length how many bytes to read at most; empty to read to the end
 */
public record ByteRange(long offset, OptionalLong length) {
    /** The whole object. */
    public static final ByteRange ALL = new ByteRange(0, OptionalLong.empty());

    /**
     * Checks the range.
     *
     * @param offset the first byte to read, from 0
     * @param length how many bytes to read at most; empty to read to the end
     * @throws IllegalArgumentException if offset or length is negative, or length is null
     */
    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("Range offset must not be negative: " + offset);
        }
        if (length == null) {
            throw new IllegalArgumentException("length is null");
        }
        if (length.isPresent() && length.getAsLong() < 0) {
            throw new IllegalArgumentException("Range length must not be negative: " + length.getAsLong());
        }
    }

    /**
     * From {@code offset} to the end.
     *
     * @param offset the first byte, not negative
     * @return the range
     */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, OptionalLong.empty());
    }

    /**
     * {@code length} bytes from {@code offset}, cut at the end of the object.
     *
     * @param offset the first byte, not negative
     * @param length the most bytes to read, not negative
     * @return the range
     */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, OptionalLong.of(length));
    }

    /** {@return whether this is the whole object: from 0 to the end} */
    public boolean isAll() {
        return offset == 0 && length.isEmpty();
    }

    /**
     * How many bytes this range reads from an object of {@code objectSize} bytes: an offset
     * beyond the size is an {@link InvalidRangeException}, an offset equal to the size reads
     * nothing, and a length running past the end is cut at the end.
     *
     * @param objectSize the size of the whole object
     * @param location the object, for the message
     * @return the number of bytes the read returns
     * @throws InvalidRangeException if the offset is beyond the size
     */
    public long lengthWithin(long objectSize, Location location) throws InvalidRangeException {
        if (offset > objectSize) {
            throw new InvalidRangeException("Range offset " + offset + " is beyond the end of " + location
                    + " (size " + objectSize + ")");
        }
        long available = objectSize - offset;
        return length.isPresent() ? Math.min(length.getAsLong(), available) : available;
    }

    /** {@return {@code bytes OFFSET+LENGTH} or {@code bytes OFFSET-}} */
    @Override
    public String toString() {
        return length.isPresent() ? "bytes " + offset + "+" + length.getAsLong() : "bytes " + offset + "-";
    }
}
