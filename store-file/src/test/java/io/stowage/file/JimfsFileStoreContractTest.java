package io.stowage.file;

import com.google.common.jimfs.Configuration;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** The store contract on an in-memory Jimfs filesystem with the default 1 MiB buffers. */
class JimfsFileStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.inMemory(Configuration.unix(), FileStoreConfig.DEFAULT_BUFFER_SIZE, "data");
    }
}
