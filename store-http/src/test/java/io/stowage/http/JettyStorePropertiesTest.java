package io.stowage.http;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

/** The TCK properties (random payloads, ranges, operation sequences, location strings) against jetty. */
class JettyStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return HttpTckEnvironment.of(JettyFileServer.startInTempDir("stowage-http-jetty-properties"));
    }
}
