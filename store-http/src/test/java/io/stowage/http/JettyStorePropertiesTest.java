package io.stowage.http;

import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The TCK properties (random payloads, ranges, operation sequences, location strings) against jetty. */
class JettyStorePropertiesTest extends StorePropertiesTest {
    @Override
    protected StoreTckEnvironment environment() throws Exception {
        Path work = Files.createTempDirectory("stowage-http-jetty-properties");
        return HttpTckEnvironment.of(JettyFileServer.start(Files.createDirectory(work.resolve("www"))));
    }
}
