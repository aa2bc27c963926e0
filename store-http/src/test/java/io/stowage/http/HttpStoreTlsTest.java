package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against Jetty with a certificate made at test time for 127.0.0.1 only: verification is
 * on by default, a CA file makes the server trusted, the host name is still checked, and only
 * {@code tlsInsecure} turns verification off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpStoreTlsTest {
    private static final byte[] DATA = new byte[100_000];

    private Path dir;
    private SelfSignedCertificate certificate;
    private JettyFileServer server;
    private Location location;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        new Random(7).nextBytes(DATA);
        certificate = SelfSignedCertificate.create(dir, "stowage-test", "ip:127.0.0.1");
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.write(www.resolve("object"), DATA);
        server = JettyFileServer.startTls(www, certificate.keyStore(), certificate.password());
        location = Location.of(server.uri("object"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void verificationIsOnByDefault() throws Exception {
        try (HttpStore store = new HttpStore("web", TestConfigs.fast())) {
            assertThatThrownBy(() -> store.get(location).close()).isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("TLS verification of " + location + " failed");
            assertThatThrownBy(() -> store.size(location)).isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("TLS verification");
        }
    }

    @Test
    void aCaFileMakesTheServerTrusted() throws Exception {
        try (HttpStore store = new HttpStore("web", TestConfigs.fast("caFile", certificate.certificatePem().toString()))) {
            assertThat(store.size(location)).isEqualTo(DATA.length);
            try (ObjectStream stream = store.get(location)) {
                assertThat(stream.readAllBytes()).isEqualTo(DATA);
            }
            try (ObjectStream stream = store.get(location, ByteRange.of(99_000, 5000))) {
                assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 99_000, 100_000));
            }
        }
    }

    @Test
    void theHostNameIsCheckedEvenWithATrustedCa() throws Exception {
        Location byName = Location.of(URI.create("https://localhost:" + server.base().getPort() + "/object"));
        try (HttpStore store = new HttpStore("web", TestConfigs.fast("caFile", certificate.certificatePem().toString()))) {
            assertThatThrownBy(() -> store.get(byName).close()).isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("TLS verification");
        }
    }

    @Test
    void anotherCaDoesNotMakeTheServerTrusted() throws Exception {
        SelfSignedCertificate other = SelfSignedCertificate.create(dir, "other-ca", "ip:127.0.0.1");
        try (HttpStore store = new HttpStore("web", TestConfigs.fast("caFile", other.certificatePem().toString()))) {
            assertThatThrownBy(() -> store.size(location)).isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("TLS verification");
        }
    }

    @Test
    void onlyTlsInsecureTurnsVerificationOff() throws Exception {
        try (HttpStore store = new HttpStore("web", TestConfigs.fast("tlsInsecure", true))) {
            assertThat(store.size(location)).isEqualTo(DATA.length);
            try (ObjectStream stream = store.get(location)) {
                assertThat(stream.readAllBytes()).isEqualTo(DATA);
            }
        }
    }
}
