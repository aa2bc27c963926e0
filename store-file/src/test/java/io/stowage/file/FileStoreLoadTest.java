package io.stowage.file;

import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.load.StoreLoadTest;

/**
 * The TCK's load suite on one data dir of the real filesystem (objects published by hard link),
 * with 64 KiB buffers; the environment's check afterwards also looks at this process's open
 * file descriptors under the dir.
 */
class FileStoreLoadTest extends StoreLoadTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return FileStoreTckEnvironment.onDisk(64 * 1024, "data");
    }
}
