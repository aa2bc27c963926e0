package io.stowage.file;

import com.google.common.jimfs.Configuration;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/**
 * The store contract on Jimfs's Windows configuration (drive letters, {@code \}, case folded),
 * with two dirs: ids that differ only in case stay apart, and Windows device names are stored
 * ({@link ObjectFileNaming#ESCAPED}).
 */
class JimfsWindowsFileStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.inMemory(Configuration.windows(), 64 * 1024, "data", "spill:-1");
    }
}
