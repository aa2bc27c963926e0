package io.stowage.http;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;

/** The TCK properties (random payloads, ranges, operation sequences, location strings) against nginx. */
class NginxStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        return HttpTckEnvironment.of(NginxServer.startInTempDir("stowage-http-nginx-properties"));
    }
}
