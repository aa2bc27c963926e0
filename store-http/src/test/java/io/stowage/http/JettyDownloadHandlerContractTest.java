package io.stowage.http;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The download-handler contract for the http handler against Jetty; "localhost" is a denied host. */
class JettyDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-handler-jetty");
        return new HttpDownloadHandlerTckEnvironment(JettyFileServer.start(Files.createDirectory(work.resolve("www"))),
                TestConfigs.fast("deniedHosts", java.util.List.of("localhost")));
    }
}
