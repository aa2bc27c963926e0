package io.stowage.http;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The full store contract against nginx (fails when nginx is not installed). */
class NginxStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-nginx");
        return HttpTckEnvironment.of(NginxServer.start(Files.createDirectory(work.resolve("www")), work));
    }
}
