package com.example.stowage.directory;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

/** The TCK's properties, each checked against the in-memory reference store. */
class DirectoryStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return new DirectoryStoreTckEnvironment();
    }
}
