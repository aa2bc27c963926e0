package io.stowage.http;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** The full store contract against nginx (fails when nginx is not installed). */
class NginxStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return HttpTckEnvironment.of(NginxServer.startInTempDir("stowage-http-nginx"));
    }
}
