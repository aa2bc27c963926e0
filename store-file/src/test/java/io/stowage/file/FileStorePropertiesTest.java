package io.stowage.file;

import com.google.common.jimfs.Configuration;
import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

/**
 * The TCK properties against the memory oracle, with small buffers so that random sizes
 * cross many buffer edges. On Jimfs: a thousand fsynced adds per property on the real disk
 * would cost the build half a minute, and the contract suites already run on the real disk.
 */
class FileStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.inMemory(Configuration.unix(), FileStoreConfig.MIN_BUFFER_SIZE, "data");
    }
}
