package io.stowage.http;

import io.stowage.tck.net.NetworkFaultTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** Network faults between the HTTP store and Jetty. */
class JettyNetworkFaultTest extends HttpNetworkFaultTest {
    @Override
    protected NetworkFaultTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-jetty-faults");
        return new HttpNetworkFaultTckEnvironment(JettyFileServer.start(Files.createDirectory(work.resolve("www"))));
    }
}
