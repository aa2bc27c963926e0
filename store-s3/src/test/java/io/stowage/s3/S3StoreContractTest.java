package io.stowage.s3;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/**
 * The TCK's store contract against the run's S3 server: embedded S3Proxy here and in CI; MinIO
 * when Docker is available; an external endpoint when {@code S3_TEST_ENDPOINT} is set (see
 * {@link S3TestServers} and the module README).
 */
class S3StoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() {
        return new S3TckEnvironment();
    }
}
