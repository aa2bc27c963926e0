package io.stowage.tck.memory;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

class MemoryStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment();
    }
}
