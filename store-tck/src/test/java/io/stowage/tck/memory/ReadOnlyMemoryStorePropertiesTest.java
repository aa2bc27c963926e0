package io.stowage.tck.memory;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;

/** The properties on a store that only reads whole objects: every range and delete must be refused like the oracle does. */
class ReadOnlyMemoryStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment(StoreProfile.WHOLE_OBJECT_READ_ONLY);
    }
}
