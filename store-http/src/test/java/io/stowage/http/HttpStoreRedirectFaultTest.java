package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.PermissionDeniedException;
import io.stowage.ByteRange;
import io.stowage.IntegrityException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects, good and bad, and credentials, which go only to the origin of the location and never show in errors. */
class HttpStoreRedirectFaultTest extends HttpStoreFaultFixture {
    // ---------------------------------------------------------------- redirects

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void followsRelativeRedirects(int status) throws Exception {
        server.on("/a/start", (request, number, response) -> response.status(status).header("Location", "../b/next")
                .header("Content-Length", 0).end());
        server.on("/b/next", (request, number, response) -> response.status(status).header("Location", "/data?x=1")
                .header("Content-Length", 0).end());
        server.on("/data?x=1", (request, number, response) -> response.serve(DATA, "\"v1\""));
        Location location = location("/a/start");

        assertThat(readAll(location)).isEqualTo(DATA);
        assertThat(store.size(location)).isEqualTo(DATA.length);
        try (ObjectStream stream = store.get(location, ByteRange.of(10, 20))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 10, 30));
        }
    }

    @Test
    void redirectLoopIsAClearError() throws Exception {
        server.on("/loop1", (request, number, response) -> response.status(302).header("Location", "/loop2")
                .header("Content-Length", 0).end());
        server.on("/loop2", (request, number, response) -> response.status(302).header("Location", "/loop1")
                .header("Content-Length", 0).end());
        Location location = location("/loop1");

        assertThatThrownBy(() -> store.get(location).close()).isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("Redirect loop reading " + location);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void followsRedirectsUpToTheLimitAndNoFurther() throws Exception {
        store.close();
        store = store(TestConfigs.fast("maxRedirects", 3));
        for (int i = 0; i < 10; i++) {
            String next = "/hop" + (i + 1);
            server.on("/hop" + i, (request, number, response) -> response.status(307).header("Location", next)
                    .header("Content-Length", 0).end());
        }
        server.on("/hop3-end", (request, number, response) -> response.serve(DATA, "\"v1\""));
        server.on("/start3", (request, number, response) -> response.status(301).header("Location", "/hop1-3")
                .header("Content-Length", 0).end());
        server.on("/hop1-3", (request, number, response) -> response.status(301).header("Location", "/hop2-3")
                .header("Content-Length", 0).end());
        server.on("/hop2-3", (request, number, response) -> response.status(301).header("Location", "/hop3-end")
                .header("Content-Length", 0).end());

        assertThat(store.size(location("/start3"))).isEqualTo(DATA.length);
        assertThatThrownBy(() -> store.get(location("/hop0")).close()).isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("Too many redirects").hasMessageContaining("more than 3");
        assertThat(server.requests().stream().filter(request -> request.path().startsWith("/hop") && request.path().length() <= 5))
                .hasSize(4);
    }

    @Test
    void redirectToAnotherSchemeIsRefused() throws Exception {
        server.on("/to-file", (request, number, response) -> response.status(302).header("Location", "file:///etc/passwd")
                .header("Content-Length", 0).end());

        assertThatThrownBy(() -> store.get(location("/to-file")).close()).isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("to another scheme refused");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void redirectTargetIsCheckedAgainstTheHostRules() throws Exception {
        store.close();
        store = store(TestConfigs.fast("deniedHosts", List.of("localhost")));
        server.on("/to-denied", (request, number, response) -> response.status(302)
                .header("Location", server.uriByName("/data")).header("Content-Length", 0).end());
        server.on("/data", (request, number, response) -> response.serve(DATA, "\"v1\""));

        assertThatThrownBy(() -> store.get(location("/to-denied")).close()).isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("denied by deniedHosts entry 'localhost'");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void redirectWithoutLocationIsAClearError() throws Exception {
        server.on("/nowhere", (request, number, response) -> response.status(302).header("Content-Length", 0).end());

        assertThatThrownBy(() -> store.get(location("/nowhere")).close()).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("without a Location header");
    }

    // ---------------------------------------------------------------- credentials

    @Test
    void basicAuthGoesOnlyToTheOriginOfTheLocation() throws Exception {
        store.close();
        store = store(TestConfigs.fast("username", "reader", "password", "s3cr3t-pw"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("reader:s3cr3t-pw".getBytes(StandardCharsets.UTF_8));
        server.on("/secret", (request, number, response) -> {
            if (request.header("Authorization").equals(Optional.of(expected))) {
                response.serve(DATA, "\"v1\"");
            } else {
                response.status(401).header("Content-Length", 0).end();
            }
        });
        server.on("/elsewhere", (request, number, response) -> response.status(302)
                .header("Location", server.uriByName("/public")).header("Content-Length", 0).end());
        server.on("/public", (request, number, response) -> response.serve(DATA, "\"v1\""));

        assertThat(readAll(location("/secret"))).isEqualTo(DATA);
        assertThat(readAll(location("/elsewhere"))).isEqualTo(DATA);

        assertThat(server.requests("/elsewhere").get(0).header("Authorization")).contains(expected);
        assertThat(server.requests("/public").get(0).header("Authorization")).isEmpty();
    }

    @Test
    void credentialsNeverComeFromTheLocationNorShowInErrors() throws Exception {
        store.close();
        store = store(TestConfigs.fast("username", "reader", "password", "wrong-pw"));
        server.on("/secret", (request, number, response) -> response.status(401).header("Content-Length", 0).end());
        Location withUserInfo = Location.parse("http://reader:url-pw@127.0.0.1:" + server.port() + "/secret");

        assertThat(withUserInfo.url()).doesNotContain("url-pw");
        assertThatThrownBy(() -> store.get(withUserInfo).close()).isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw").doesNotContain("url-pw")
                        .doesNotContain(Base64.getEncoder().encodeToString("reader:wrong-pw".getBytes(StandardCharsets.UTF_8))));
        String sent = server.requests("/secret").get(0).header("Authorization").orElseThrow();
        assertThat(new String(Base64.getDecoder().decode(sent.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo("reader:wrong-pw");
    }
}
