package io.stowage.s3;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

/** The TCK's properties (memory store as oracle) against the run's S3 server. */
class S3StorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new S3TckEnvironment();
    }
}
