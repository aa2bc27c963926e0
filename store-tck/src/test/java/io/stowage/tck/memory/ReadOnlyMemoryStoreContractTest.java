package io.stowage.tck.memory;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;

/** A memory store that only reads whole objects: the TCK's read-only path and its refusal checks. */
class ReadOnlyMemoryStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new MemoryTckEnvironment(StoreProfile.WHOLE_OBJECT_READ_ONLY);
    }
}
