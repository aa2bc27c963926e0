package com.example.stowage.directory;

import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.load.StoreLoadTest;

/** Eight callers mixing adds, reads and deletes on a few shared ids: nothing lost, no duplicate let in. */
class DirectoryStoreLoadTest extends StoreLoadTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return new DirectoryStoreTckEnvironment();
    }
}
