package io.stowage.file;

import com.google.common.jimfs.Configuration;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/**
 * The store contract on Jimfs's macOS configuration, a filesystem that folds case: ids that
 * differ only in case stay apart there because the store escapes upper case in file names
 * ({@link ObjectFileNaming#ESCAPED}).
 */
class JimfsMacOsFileStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.inMemory(Configuration.osX(), 64 * 1024, "data");
    }
}
