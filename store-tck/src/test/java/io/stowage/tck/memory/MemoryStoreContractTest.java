package io.stowage.tck.memory;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

class MemoryStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment();
    }
}
