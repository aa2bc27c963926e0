package io.stowage.file;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** The store contract on three data dirs of the real filesystem: publishing runs under the store lock. */
class MultiDirFileStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.onDisk(FileStoreConfig.MIN_BUFFER_SIZE, "low:1", "high-a:5", "high-b:5");
    }
}
