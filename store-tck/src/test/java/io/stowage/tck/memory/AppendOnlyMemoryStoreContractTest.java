package io.stowage.tck.memory;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;

/** A memory store that reads ranges and writes, but does not delete (an append-only archive). */
class AppendOnlyMemoryStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment(StoreProfile.APPEND_ONLY);
    }
}
