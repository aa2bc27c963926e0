package io.stowage.file;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** The store contract on one data dir of the real filesystem, with 64 KiB buffers so that every pipeline edge is crossed. */
class FileStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.onDisk(64 * 1024, "data");
    }
}
