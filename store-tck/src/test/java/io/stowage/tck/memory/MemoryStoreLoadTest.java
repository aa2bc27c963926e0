package io.stowage.tck.memory;

import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.load.StoreLoadTest;

class MemoryStoreLoadTest extends StoreLoadTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment();
    }
}
