package io.stowage.tck.memory;

import io.stowage.Capability;
import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;
import java.util.Set;

/** The properties on a store that only reads whole objects: every range and delete must be refused like the oracle does. */
class ReadOnlyMemoryStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment(Set.of(Capability.READ));
    }
}
