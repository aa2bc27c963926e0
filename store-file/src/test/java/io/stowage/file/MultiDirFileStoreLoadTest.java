package io.stowage.file;

import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.load.StoreLoadTest;

/** The TCK's load suite on two data dirs of equal priority: every publish runs under the store lock. */
class MultiDirFileStoreLoadTest extends StoreLoadTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.onDisk(64 * 1024, "a:5", "b:5");
    }
}
