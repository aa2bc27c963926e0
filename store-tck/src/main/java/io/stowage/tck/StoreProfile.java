package io.stowage.tck;

import io.stowage.Capability;
import java.util.EnumSet;
import java.util.Set;

/**
 * What kind of store an environment puts under test, declared on purpose
 * ({@link StoreTckEnvironment#profile()}): its capabilities, and whether its locations are
 * built from object ids. The contract runs every test the profile allows and skips only the
 * tests whose capability the profile lacks (and the refusal tests of the capabilities it
 * has). Any other skip — an assumption in an environment or a subclass, a disabled test, a
 * suite skipped as a whole — fails the run, so a backend cannot pass by running less of the
 * contract than its profile says.
 */
public enum StoreProfile {
    /** Adds, reads whole objects and ranges, deletes: the whole contract runs (a file, S3 or memory store). */
    READ_WRITE(EnumSet.of(Capability.READ, Capability.RANGE_READ, Capability.WRITE, Capability.DELETE), true),
    /** Adds and reads whole objects and ranges, never deletes (an archive). */
    APPEND_ONLY(EnumSet.of(Capability.READ, Capability.RANGE_READ, Capability.WRITE), true),
    /** Reads whole objects and ranges of objects put in behind it, under locations built from ids. */
    READ_ONLY(EnumSet.of(Capability.READ, Capability.RANGE_READ), true),
    /** Reads whole objects only, under locations built from ids. */
    WHOLE_OBJECT_READ_ONLY(EnumSet.of(Capability.READ), true),
    /**
     * Reads whole objects and ranges at any URL of its schemes that its rules allow (an HTTP
     * origin): its locations are not built from ids, so the hostile-id checks do not apply.
     */
    READ_ONLY_ORIGIN(EnumSet.of(Capability.READ, Capability.RANGE_READ), false);

    private final Set<Capability> capabilities;
    private final boolean locationsNameIds;

    StoreProfile(Set<Capability> capabilities, boolean locationsNameIds) {
        this.capabilities = Set.copyOf(capabilities);
        this.locationsNameIds = locationsNameIds;
    }

    /**
     * The capabilities a store of this profile declares, exactly.
     *
     * @return the capabilities
     */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Whether the store's locations name an object id (its last path segment), which the
     * store must parse and refuse when it is not a valid id.
     *
     * @return whether the locations name ids
     */
    public boolean locationsNameIds() {
        return locationsNameIds;
    }
}
