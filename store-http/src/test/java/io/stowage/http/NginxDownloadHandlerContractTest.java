package io.stowage.http;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The download-handler contract for the http handler against nginx (fails when nginx is not installed). */
class NginxDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-handler-nginx");
        return HttpDownloadHandlerTckEnvironment.of(NginxServer.start(Files.createDirectory(work.resolve("www")), work));
    }
}
