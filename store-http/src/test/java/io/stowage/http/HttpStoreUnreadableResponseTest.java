package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Location;
import io.stowage.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Responses that are not HTTP a client can use, as a broken or hostile server sends them: each
 * ends {@code size}, a read and a download with an exception of the store's family (never one
 * of the HTTP client's runtime exceptions), and leaves no connection held.
 */
class HttpStoreUnreadableResponseTest extends HttpStoreFaultFixture {
    private static final Map<String, MisbehavingServer.Behaviour> RESPONSES = Map.ofEntries(
            Map.entry("status-zero", (request, number, response) -> response.line("HTTP/1.1 000 Zero")
                    .header("Content-Length", 0).end()),
            Map.entry("status-not-a-number", (request, number, response) -> response.line("HTTP/1.1 abc Nope")
                    .header("Content-Length", 0).end()),
            Map.entry("status-too-long", (request, number, response) -> response.line("HTTP/1.1 99999999999 Big")
                    .header("Content-Length", 0).end()),
            Map.entry("status-600", (request, number, response) -> response.line("HTTP/1.1 600 Beyond")
                    .header("Content-Length", 0).end()),
            Map.entry("http-2-status-line", (request, number, response) -> response.line("HTTP/2.0 200 OK")
                    .header("Content-Length", 3).body(DATA, 0, 3)),
            Map.entry("not-http", (request, number, response) -> response.line("SSH-2.0-OpenSSH_9.2").end()),
            Map.entry("header-without-colon", (request, number, response) -> response.status(200).line("NoColonHere")
                    .header("Content-Length", 3).body(DATA, 0, 3)),
            Map.entry("header-name-with-space", (request, number, response) -> response.status(200)
                    .line("Content-Length : 3").body(DATA, 0, 3)),
            Map.entry("length-not-a-number", (request, number, response) -> response.status(200)
                    .header("Content-Length", "abc").body(DATA, 0, 3)),
            Map.entry("length-negative", (request, number, response) -> response.status(200)
                    .header("Content-Length", "-5").body(DATA, 0, 3)),
            Map.entry("length-beyond-long", (request, number, response) -> response.status(200)
                    .header("Content-Length", "99999999999999999999").body(DATA, 0, 3)),
            Map.entry("two-lengths", (request, number, response) -> response.status(200)
                    .header("Content-Length", 3).header("Content-Length", 4).body(DATA, 0, 4)),
            Map.entry("unknown-transfer-coding", (request, number, response) -> response.status(200)
                    .header("Transfer-Encoding", "gzip").body(DATA, 0, 3)),
            Map.entry("chunk-size-beyond-long", (request, number, response) -> response.status(200)
                    .header("Transfer-Encoding", "chunked").line("ffffffffffffffffffffff").end()),
            Map.entry("switching-protocols", (request, number, response) -> response.status(101)
                    .header("Upgrade", "websocket").end()),
            Map.entry("content-range-beyond-long", (request, number, response) -> response.status(206)
                    .header("Content-Range", "bytes 0-2/99999999999999999999").header("Content-Length", 3).body(DATA, 0, 3)),
            Map.entry("redirect-to-a-port-out-of-range", (request, number, response) -> response.status(302)
                    .header("Location", "http://127.0.0.1:99999/x").header("Content-Length", 0).end()),
            Map.entry("redirect-to-an-invalid-url", (request, number, response) -> response.status(302)
                    .header("Location", "http://[::1").header("Content-Length", 0).end()),
            Map.entry("redirect-to-a-nul", (request, number, response) -> response.status(302)
                    .header("Location", "/a\u0000b").header("Content-Length", 0).end()),
            Map.entry("nothing-at-all", (request, number, response) -> { }));

    static Iterable<String> responses() {
        return RESPONSES.keySet().stream().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void endsInTheStoresFamilyOfErrors(String name, @TempDir Path dir) throws Exception {
        server.on("/" + name, RESPONSES.get(name));
        Location location = location("/" + name);
        Path target = Files.createFile(dir.resolve("target"));

        assertThatThrownBy(() -> store.size(location)).as("size").isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> readAll(location)).as("read").isInstanceOf(StoreException.class);
        try (HttpDownloadHandler handler = new HttpDownloadHandler(TestConfigs.fast("retries", RETRIES))) {
            assertThatThrownBy(() -> handler.download(location, target)).as("download").isInstanceOf(StoreException.class);
            assertThat(handler.leasedConnections()).isZero();
        }
    }
}
