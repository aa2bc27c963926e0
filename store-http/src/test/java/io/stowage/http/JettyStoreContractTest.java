package io.stowage.http;

import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The full store contract against an embedded Jetty serving a directory. */
class JettyStoreContractTest extends StoreContractTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-jetty");
        return HttpTckEnvironment.of(JettyFileServer.start(Files.createDirectory(work.resolve("www"))));
    }
}
