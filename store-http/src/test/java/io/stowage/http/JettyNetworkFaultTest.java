package io.stowage.http;

import io.stowage.tck.net.NetworkFaultTckEnvironment;

/** Network faults between the HTTP store and Jetty. */
class JettyNetworkFaultTest extends HttpNetworkFaultTest {
    @Override
    protected NetworkFaultTckEnvironment environment() throws Exception {
        return new HttpNetworkFaultTckEnvironment(JettyFileServer.startInTempDir("stowage-http-jetty-faults"));
    }
}
