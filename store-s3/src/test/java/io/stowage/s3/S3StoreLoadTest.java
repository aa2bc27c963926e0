package io.stowage.s3;

import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.load.StoreLoadTest;

/** The TCK's load suite on the S3 store (multipart above 1 MiB, eight HTTP connections) against the run's S3 server. */
class S3StoreLoadTest extends StoreLoadTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new S3TckEnvironment();
    }
}
