package io.stowage.http;

import io.stowage.tck.net.NetworkFaultTckEnvironment;

/** Network faults between the HTTP store and nginx (fails when nginx is not installed). */
class NginxNetworkFaultTest extends HttpNetworkFaultTest {
    @Override
    protected NetworkFaultTckEnvironment environment() throws Exception {
        return new HttpNetworkFaultTckEnvironment(NginxServer.startInTempDir("stowage-http-nginx-faults"));
    }
}
