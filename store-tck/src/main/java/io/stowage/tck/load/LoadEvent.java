package io.stowage.tck.load;

/** What one operation of a {@link LoadDriver} run came to; the report counts each. */
public enum LoadEvent {
    /** An add stored its object. */
    ADDED,
    /** An add was refused because the id existed (also when it lost a race). */
    DUPLICATE_REFUSED,
    /** A whole object was read and matched the bytes of the add that wrote it. */
    READ,
    /** A read was closed after its first bytes, which matched. */
    READ_ABANDONED,
    /** A range read returned exactly the expected bytes. */
    RANGE_READ,
    /** A read or size found no object. */
    NOT_FOUND,
    /** A read failed with a store error midway, with a delete of its id running when it began or begun since (allowed). */
    READ_BROKEN_BY_DELETE,
    /** A size matched the add that wrote the object. */
    SIZED,
    /** A delete removed an object. */
    DELETED,
    /** A delete found no object. */
    DELETE_NOT_FOUND
}
