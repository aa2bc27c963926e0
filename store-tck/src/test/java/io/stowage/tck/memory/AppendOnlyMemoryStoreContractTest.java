package io.stowage.tck.memory;

import io.stowage.Capability;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;
import java.util.Set;

/** A memory store that reads ranges and writes, but does not delete (an append-only archive). */
class AppendOnlyMemoryStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment(Set.of(Capability.READ, Capability.RANGE_READ, Capability.WRITE));
    }
}
