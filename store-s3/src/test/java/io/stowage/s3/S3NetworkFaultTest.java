package io.stowage.s3;

import io.stowage.tck.net.NetworkFaultTckEnvironment;
import io.stowage.tck.net.NetworkFaultTest;

/** The TCK's network fault suite (cuts, random-offset cuts, stalls, throttling, refusals) on the S3 store. */
class S3NetworkFaultTest extends NetworkFaultTest {
    @Override
    protected NetworkFaultTckEnvironment environment() {
        return new S3NetworkFaultTckEnvironment();
    }
}
