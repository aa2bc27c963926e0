package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AccessDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.ByteRange;
import io.stowage.IntegrityException;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store against a server that misbehaves on purpose: every fault ends in the right bytes or a clear error. */
class HttpStoreFaultTest {
    private static final byte[] DATA = bytes(200_000, 1);
    private static final byte[] OTHER = bytes(200_000, 2);
    private static final int RETRIES = 3;

    private MisbehavingServer server;
    private HttpStore store;

    @BeforeEach
    void start() throws IOException {
        server = MisbehavingServer.start();
        store = store(TestConfigs.fast("retries", RETRIES));
    }

    @AfterEach
    void stop() throws IOException {
        try {
            assertThat(store.leasedConnections()).as("connections still held").isZero();
        } finally {
            store.close();
            server.close();
        }
    }

    // ---------------------------------------------------------------- truncation and resumption

    @Test
    void bodyShorterThanItsContentLengthIsAnIntegrityError() throws Exception {
        server.on("/lying", (request, number, response) ->
                response.status(200).header("Content-Length", DATA.length + 100).body(DATA, 0, DATA.length));
        Location location = location("/lying");

        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.length()).isEqualTo(DATA.length + 100);
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("Truncated body of " + location);
        }
        assertThat(server.requests("/lying")).hasSize(1 + RETRIES);
    }

    @Test
    void bodyCutMidwayResumesFromWhereItBrokeWithIdenticalBytes() throws Exception {
        server.on("/cut", (request, number, response) -> response.serve(DATA, "\"v1\"", number == 0 ? 70_000 : Integer.MAX_VALUE));

        assertThat(readAll(location("/cut"))).isEqualTo(DATA);

        List<MisbehavingServer.Request> requests = server.requests("/cut");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).header("Range")).isEmpty();
        assertThat(requests.get(1).header("Range")).contains("bytes=70000-199999");
        assertThat(requests.get(1).header("If-Range")).contains("\"v1\"");
    }

    @Test
    void bodyCutAgainAndAgainStillDeliversEveryByte() throws Exception {
        server.on("/cuts", (request, number, response) -> response.serve(DATA, "\"v1\"", 30_000));

        assertThat(readAll(location("/cuts"))).isEqualTo(DATA);
        assertThat(server.requests("/cuts")).hasSize(7);
    }

    @Test
    void rangeReadCutMidwayResumesWithinItsRange() throws Exception {
        server.on("/cut-range", (request, number, response) -> response.serve(DATA, "\"v1\"", number == 0 ? 10_000 : Integer.MAX_VALUE));

        try (ObjectStream stream = store.get(location("/cut-range"), ByteRange.of(50_000, 40_000))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 50_000, 90_000));
        }
        assertThat(server.requests("/cut-range").get(1).header("Range")).contains("bytes=60000-89999");
    }

    @Test
    void resumingAnObjectThatChangedIsAnIntegrityError() throws Exception {
        server.on("/changed", (request, number, response) -> {
            if (number == 0) {
                response.serve(DATA, "\"v1\"", 70_000);
            } else {
                response.serve(OTHER, "\"v2\"");
            }
        });

        try (ObjectStream stream = store.get(location("/changed"))) {
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("changed while being read");
        }
    }

    @Test
    void bodyStallingMidwayIsResumedAfterTheReadTimeout() throws Exception {
        store.close();
        store = store(TestConfigs.fast("retries", RETRIES, "readTimeoutMillis", 300));
        server.on("/stall", (request, number, response) -> {
            if (number == 0) {
                response.status(200).header("Content-Length", DATA.length).header("ETag", "\"v1\"").body(DATA, 0, 50_000);
                server.stall();
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(readAll(location("/stall"))).isEqualTo(DATA);
        assertThat(server.requests("/stall").get(1).header("Range")).contains("bytes=50000-199999");
    }

    @Test
    void chunkedBodyWithoutLengthIsMeasuredAndRead() throws Exception {
        server.on("/chunked", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(200).header("Content-Length", DATA.length).end();
                return;
            }
            response.status(200).header("Transfer-Encoding", "chunked").end();
            for (int from = 0; from < DATA.length; from += 65_000) {
                response.chunk(DATA, from, Math.min(DATA.length, from + 65_000));
            }
            response.lastChunk();
        });

        assertThat(readAll(location("/chunked"))).isEqualTo(DATA);
    }

    @Test
    void chunkedBodyEndingEarlyIsNeverShortData() throws Exception {
        server.on("/chunked-short", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(200).header("Content-Length", DATA.length).end();
                return;
            }
            response.status(200).header("Transfer-Encoding", "chunked").end();
            response.chunk(DATA, 0, 1000);
            response.lastChunk();
        });

        try (ObjectStream stream = store.get(location("/chunked-short"))) {
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("Truncated body");
        }
    }

    // ---------------------------------------------------------------- ranges

    @Test
    void serverIgnoringRangeStillGivesTheRightBytes() throws Exception {
        server.on("/ignores-range", (request, number, response) ->
                response.status(200).header("Content-Length", DATA.length).body(DATA, 0, DATA.length));
        Location location = location("/ignores-range");

        try (ObjectStream stream = store.get(location, ByteRange.of(150_000, 1000))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 150_000, 151_000));
        }
        try (ObjectStream stream = store.get(location, ByteRange.from(DATA.length - 1))) {
            assertThat(stream.readAllBytes()).containsExactly(DATA[DATA.length - 1]);
        }
        try (ObjectStream stream = store.get(location, ByteRange.from(DATA.length))) {
            assertThat(stream.length()).isZero();
            assertThat(stream.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.get(location, ByteRange.from(DATA.length + 1)).close())
                .isInstanceOf(InvalidRangeException.class);
    }

    @Test
    void serverIgnoringRangeAndCuttingIsResumedBySkipping() throws Exception {
        server.on("/ignores-and-cuts", (request, number, response) -> response.status(200)
                .header("Content-Length", DATA.length).header("ETag", "\"v1\"")
                .body(DATA, 0, number == 0 ? 80_000 : DATA.length));

        try (ObjectStream stream = store.get(location("/ignores-and-cuts"), ByteRange.from(20_000))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 20_000, DATA.length));
        }
        assertThat(server.requests("/ignores-and-cuts")).hasSize(2);
    }

    @Test
    void partialAnswerWithOtherBytesIsRefused() throws Exception {
        server.on("/wrong-range", (request, number, response) -> response.status(206)
                .header("Content-Range", "bytes 0-999/" + DATA.length).header("Content-Length", 1000).body(DATA, 0, 1000));

        assertThatThrownBy(() -> store.get(location("/wrong-range"), ByteRange.of(1000, 1000)).close())
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("sent bytes from 0 when bytes from 1000 were asked for");
    }

    @Test
    void compressedBodyIsRefused() throws Exception {
        server.on("/gzip", (request, number, response) -> response.status(200)
                .header("Content-Length", 10).header("Content-Encoding", "gzip").body(DATA, 0, 10));

        assertThatThrownBy(() -> store.get(location("/gzip")).close()).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("Content-Encoding \"gzip\"");
    }

    // ---------------------------------------------------------------- size

    @Test
    void sizeComesFromHead() throws Exception {
        server.on("/object", (request, number, response) -> response.serve(DATA, "\"v1\""));

        assertThat(store.size(location("/object"))).isEqualTo(DATA.length);
        assertThat(server.requests("/object")).extracting(MisbehavingServer.Request::method).containsExactly("HEAD");
    }

    @Test
    void sizeComesFromARangedGetWhenHeadIsRefused() throws Exception {
        server.on("/no-head", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(405).header("Content-Length", 0).end();
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(store.size(location("/no-head"))).isEqualTo(DATA.length);
        List<MisbehavingServer.Request> requests = server.requests("/no-head");
        assertThat(requests).extracting(MisbehavingServer.Request::method).containsExactly("HEAD", "GET");
        assertThat(requests.get(1).header("Range")).contains("bytes=0-0");
    }

    @Test
    void sizeComesFromARangedGetWhenHeadHasNoLength() throws Exception {
        server.on("/head-without-length", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(200).end();
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(store.size(location("/head-without-length"))).isEqualTo(DATA.length);
    }

    @Test
    void sizeComesFromTheContentLengthWhenHeadIsRefusedAndRangeIgnored() throws Exception {
        server.on("/plain", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(501).header("Content-Length", 0).end();
            } else {
                response.status(200).header("Content-Length", DATA.length).body(DATA, 0, DATA.length);
            }
        });

        assertThat(store.size(location("/plain"))).isEqualTo(DATA.length);
    }

    @Test
    void sizeOfAnEmptyObjectWhenHeadIsRefused() throws Exception {
        server.on("/empty", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(405).header("Content-Length", 0).end();
            } else {
                response.serve(new byte[0], "\"e\"");
            }
        });

        assertThat(store.size(location("/empty"))).isZero();
    }

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

    // ---------------------------------------------------------------- statuses and connection errors

    @Test
    void retriesServiceUnavailableThenSucceeds() throws Exception {
        server.on("/flaky", (request, number, response) -> {
            if (number < 2) {
                response.status(503).header("Content-Length", 0).end();
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(readAll(location("/flaky"))).isEqualTo(DATA);
        assertThat(server.requests("/flaky")).hasSize(3);
    }

    @Test
    void givesUpWithBackendUnavailableAfterTheRetries() throws Exception {
        server.on("/down", (request, number, response) -> response.status(503).header("Content-Length", 0).end());

        assertThatThrownBy(() -> store.size(location("/down"))).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("answered 503").hasMessageContaining("after " + (RETRIES + 1) + " attempt(s)");
        assertThat(server.requests("/down")).hasSize(RETRIES + 1);
    }

    @Test
    void refusedConnectionsAreBackendUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Location location = Location.of(URI.create("http://127.0.0.1:" + closedPort + "/x"));

        assertThatThrownBy(() -> store.get(location).close()).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("Cannot reach").hasMessageContaining("after " + (RETRIES + 1) + " attempt(s)");
    }

    @Test
    void stalledResponseTimesOutAndIsRetried() throws Exception {
        store.close();
        store = store(TestConfigs.fast("readTimeoutMillis", 300));
        server.on("/slow", (request, number, response) -> {
            if (number == 0) {
                server.stall();
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(readAll(location("/slow"))).isEqualTo(DATA);
        assertThat(server.requests("/slow")).hasSize(2);
    }

    @Test
    void missingObjectsAreNotFound() throws Exception {
        server.on("/gone", (request, number, response) -> response.status(410).header("Content-Length", 0).end());
        Location missing = location("/missing");

        assertThatThrownBy(() -> store.get(missing).close()).isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("Object not found: " + missing + " (HTTP 404)");
        assertThatThrownBy(() -> store.size(missing)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.get(location("/gone"), ByteRange.of(1, 2)).close())
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void forbiddenIsAccessDenied() throws Exception {
        server.on("/forbidden", (request, number, response) -> response.status(403).header("Content-Length", 0).end());

        assertThatThrownBy(() -> store.get(location("/forbidden")).close()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.size(location("/forbidden"))).isInstanceOf(AccessDeniedException.class);
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
        assertThatThrownBy(() -> store.get(withUserInfo).close()).isInstanceOf(AccessDeniedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw").doesNotContain("url-pw")
                        .doesNotContain(Base64.getEncoder().encodeToString("reader:wrong-pw".getBytes(StandardCharsets.UTF_8))));
        String sent = server.requests("/secret").get(0).header("Authorization").orElseThrow();
        assertThat(new String(Base64.getDecoder().decode(sent.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo("reader:wrong-pw");
    }

    // ---------------------------------------------------------------- helpers

    private Location location(String path) {
        return Location.of(server.uri(path));
    }

    private byte[] readAll(Location location) throws IOException {
        try (ObjectStream stream = store.get(location)) {
            return stream.readAllBytes();
        }
    }

    private static HttpStore store(HttpStoreConfig config) throws StoreException {
        return new HttpStore("web", config);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
