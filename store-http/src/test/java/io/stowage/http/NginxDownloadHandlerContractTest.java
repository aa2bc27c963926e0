package io.stowage.http;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;

/** The download-handler contract for the http handler against nginx (fails when nginx is not installed). */
class NginxDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() throws Exception {
        return HttpDownloadHandlerTckEnvironment.of(NginxServer.startInTempDir("stowage-http-handler-nginx"));
    }
}
