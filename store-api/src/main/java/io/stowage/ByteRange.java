package io.stowage;

import java.util.OptionalLong;

/**
 * The part of an object a read wants: from {@code offset}, {@code length} bytes or to the
 * end. The same rules hold on every backend (see {@link #lengthWithin(long, Location)}).
 */
public record ByteRange(long offset, OptionalLong length) {
    /** The whole object. */
    public static final ByteRange ALL = new ByteRange(0, OptionalLong.empty());

    /** @throws IllegalArgumentException if offset or length is negative */
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

    /** From {@code offset} to the end. */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, OptionalLong.empty());
    }

    /** {@code length} bytes from {@code offset}, cut at the end of the object. */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, OptionalLong.of(length));
    }

    public boolean isAll() {
        return offset == 0 && length.isEmpty();
    }

    /**
     * How many bytes this range reads from an object of {@code objectSize} bytes: an offset
     * beyond the size is an {@link InvalidRangeException}, an offset equal to the size reads
     * nothing, and a length running past the end is cut at the end.
     */
    public long lengthWithin(long objectSize, Location location) throws InvalidRangeException {
        if (offset > objectSize) {
            throw new InvalidRangeException("Range offset " + offset + " is beyond the end of " + location
                    + " (size " + objectSize + ")");
        }
        long available = objectSize - offset;
        return length.isPresent() ? Math.min(length.getAsLong(), available) : available;
    }

    @Override
    public String toString() {
        return length.isPresent() ? "bytes " + offset + "+" + length.getAsLong() : "bytes " + offset + "-";
    }
}
