package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Location;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the default config the store and the download handler refuse a loopback server before
 * sending anything: the server, listening on 127.0.0.1, never sees a request. Redirects and the
 * addresses a name resolves to (scripted here, no DNS) are held to the same rules; everything
 * stays on loopback.
 */
class HttpStoreDefaultHostRulesTest {
    private MisbehavingServer server;

    @BeforeEach
    void start() throws Exception {
        server = MisbehavingServer.start();
        server.on("/object", (request, number, response) -> response.serve(HttpStoreFaultFixture.DATA, "\"v1\""));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theStoreRefusesLoopbackByDefault() throws Exception {
        Location location = Location.of(server.uri("/object"));
        String host = "127.0.0.1:" + server.port();

        try (HttpStore store = new HttpStore("web", HttpStoreConfig.defaults())) {
            assertThat(store.owns(location)).isFalse();
            assertThatThrownBy(() -> store.get(location).close()).isInstanceOf(HostRefusedException.class)
                    .hasFieldOrPropertyWithValue("host", "127.0.0.1")
                    .hasMessage("Location " + location + " is refused by store 'web': host '" + host + "' (127.0.0.1) is"
                            + " a loopback address (127.0.0.0/8), refused unless allowedHosts lists it (the address or"
                            + " a CIDR block holding it)");
            assertThatThrownBy(() -> store.size(location)).isInstanceOf(HostRefusedException.class)
                    .hasMessageContaining("allowedHosts");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theDownloadHandlerRefusesLoopbackByDefault(@TempDir Path dir) throws Exception {
        Location location = Location.of(server.uri("/object"));
        Path target = Files.createFile(dir.resolve("target"));

        try (HttpDownloadHandler handler = new HttpDownloadHandler(HttpStoreConfig.defaults())) {
            assertThatThrownBy(() -> handler.download(location, target)).isInstanceOf(HostRefusedException.class)
                    .hasMessageContaining("host '127.0.0.1:" + server.port() + "' (127.0.0.1) is a loopback address")
                    .hasMessageContaining("allowedHosts");
        }
        assertThat(target).isEmptyFile();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void allowingTheLoopbackAddressOpensIt() throws Exception {
        Location location = Location.of(server.uri("/object"));

        try (HttpStore store = new HttpStore("web", TestConfigs.fast("allowedHosts", List.of("127.0.0.1")))) {
            assertThat(store.size(location)).isEqualTo(HttpStoreFaultFixture.DATA.length);
        }
    }

    @Test
    void aRedirectToALoopbackAddressNotAllowedIsRefusedBeforeItIsFollowed() throws Exception {
        server.on("/elsewhere", (request, number, response) -> response.status(302)
                .header("Location", "http://0177.0.0.2:" + server.port() + "/object").header("Content-Length", 0).end());
        Location location = Location.of(server.uri("/elsewhere"));

        try (HttpStore store = new HttpStore("web", TestConfigs.fast("allowedHosts", List.of("127.0.0.1")))) {
            assertThatThrownBy(() -> store.get(location).close()).isInstanceOf(HostRefusedException.class)
                    .hasFieldOrPropertyWithValue("host", "0177.0.0.2")
                    .hasMessageContaining("Redirect from " + location.url() + " to http://0177.0.0.2:" + server.port()
                            + "/object refused: host '0177.0.0.2:" + server.port() + "' (127.0.0.2) is a loopback address");
        }
        assertThat(server.requests()).extracting(MisbehavingServer.Request::path).containsExactly("/elsewhere");
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedWhenTheClientConnects() throws Exception {
        ScriptedDnsResolver names = new ScriptedDnsResolver().answer("images.example.com", "127.0.0.1");
        Location location = Location.of(URI.create("http://images.example.com:" + server.port() + "/object"));

        try (HttpStore store = new HttpStore("web", TestConfigs.fast("allowedHosts", List.of("images.example.com")), names)) {
            assertThat(store.owns(location)).isTrue();
            assertThatThrownBy(() -> store.size(location)).isInstanceOf(HostRefusedException.class)
                    .hasFieldOrPropertyWithValue("host", "images.example.com")
                    .hasMessage("Location " + location + " refused: host 'images.example.com:" + server.port()
                            + "' (127.0.0.1) is a loopback address (127.0.0.0/8), refused unless allowedHosts lists it"
                            + " (the address or a CIDR block holding it)");
        }
        assertThat(names.questions()).containsExactly("images.example.com");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aNameAndItsLoopbackAddressBothAllowedAreRead() throws Exception {
        ScriptedDnsResolver names = new ScriptedDnsResolver().answer("images.example.com", "127.0.0.1");
        Location location = Location.of(URI.create("http://images.example.com:" + server.port() + "/object"));
        HttpStoreConfig config = TestConfigs.fast("allowedHosts", List.of("images.example.com", "127.0.0.1"));

        try (HttpStore store = new HttpStore("web", config, names)) {
            assertThat(store.size(location)).isEqualTo(HttpStoreFaultFixture.DATA.length);
        }
        assertThat(server.requests()).extracting(request -> request.header("Host").orElseThrow())
                .containsExactly("images.example.com:" + server.port());
    }
}
