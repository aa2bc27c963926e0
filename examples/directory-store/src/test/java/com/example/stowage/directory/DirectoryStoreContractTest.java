package com.example.stowage.directory;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** Every rule of the store contract, against a real directory. */
class DirectoryStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return new DirectoryStoreTckEnvironment();
    }
}
