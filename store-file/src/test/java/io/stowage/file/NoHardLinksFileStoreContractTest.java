package io.stowage.file;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Feature;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** The store contract on a filesystem without hard links: objects are published by rename under the store lock. */
class NoHardLinksFileStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        Configuration noLinks = Configuration.unix().toBuilder()
                .setSupportedFeatures(Feature.SYMBOLIC_LINKS, Feature.SECURE_DIRECTORY_STREAM, Feature.FILE_CHANNEL)
                .build();
        return FileStoreTckEnvironment.inMemory(noLinks, 64 * 1024, "data");
    }
}
