package io.stowage.tck.memory;

import io.stowage.Capability;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;
import java.util.Set;

/** A memory store that only reads whole objects: the TCK's read-only path and its refusal checks. */
class ReadOnlyMemoryStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment(Set.of(Capability.READ));
    }
}
