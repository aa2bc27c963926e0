package io.stowage.http;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;

/** The full store contract against an embedded Jetty serving a directory. */
class JettyStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return HttpTckEnvironment.of(JettyFileServer.startInTempDir("stowage-http-jetty"));
    }
}
