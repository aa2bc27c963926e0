package io.stowage;

/**
 * What a store can do. A store returns its capabilities from {@link Store#capabilities()};
 * a declared capability must work, and an operation that needs an undeclared one fails
 * with {@link NotSupportedException}.
 */
public enum Capability {
    /** {@link Store#get} of a whole object and {@link Store#size}. */
    READ,
    /** {@link Store#add}. */
    WRITE,
    /** {@link Store#delete}. */
    DELETE,
    /** {@link Store#get} with a range other than {@link ByteRange#ALL}. */
    RANGE_READ
}
