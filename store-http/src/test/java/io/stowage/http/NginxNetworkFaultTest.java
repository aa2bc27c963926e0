package io.stowage.http;

import io.stowage.tck.net.NetworkFaultTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** Network faults between the HTTP store and nginx (fails when nginx is not installed). */
class NginxNetworkFaultTest extends HttpNetworkFaultTest {
    @Override
    protected NetworkFaultTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-nginx-faults");
        return new HttpNetworkFaultTckEnvironment(NginxServer.start(Files.createDirectory(work.resolve("www")), work));
    }
}
