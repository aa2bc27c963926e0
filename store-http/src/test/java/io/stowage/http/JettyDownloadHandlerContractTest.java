package io.stowage.http;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;

/** The download-handler contract for the http handler against Jetty; "localhost" is denied, other ports not allowed. */
class JettyDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() throws Exception {
        return HttpDownloadHandlerTckEnvironment.of(JettyFileServer.startInTempDir("stowage-http-handler-jetty"));
    }
}
