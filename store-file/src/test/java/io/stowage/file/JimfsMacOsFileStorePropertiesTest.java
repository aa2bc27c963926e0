package io.stowage.file;

import com.google.common.jimfs.Configuration;
import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

/**
 * The TCK properties against the memory oracle on a filesystem that folds case (Jimfs's macOS
 * configuration): random ids, those that differ only in case included, and random location
 * strings behave as on the oracle, which keeps every id apart.
 */
class JimfsMacOsFileStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.inMemory(Configuration.osX(), FileStoreConfig.MIN_BUFFER_SIZE, "data");
    }
}
