package io.stowage.http;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The download-handler contract for the http handler against Jetty; "localhost" is denied, other ports not allowed. */
class JettyDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-handler-jetty");
        return HttpDownloadHandlerTckEnvironment.of(JettyFileServer.start(Files.createDirectory(work.resolve("www"))));
    }
}
