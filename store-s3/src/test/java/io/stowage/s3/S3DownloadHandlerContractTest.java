package io.stowage.s3;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;

/** The TCK's download-handler contract for the {@code s3} handler against the run's S3 server. */
class S3DownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() {
        return new S3DownloadHandlerTckEnvironment();
    }
}
