package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.MalformedResponseException;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes when HEAD is refused or says too little, and statuses and connection errors: retried, or the right exception. */
class HttpStoreStatusFaultTest extends HttpStoreFaultFixture {
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
    void aFourHundredSixteenWithAnUnreadableContentRangeIsMalformedNotAnEmptyObject() throws Exception {
        server.on("/garbled-416", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(405).header("Content-Length", 0).end();
            } else {
                response.status(416).header("Content-Range", "bytes */lots").header("Content-Length", 0).end();
            }
        });
        Location location = location("/garbled-416");

        assertThatThrownBy(() -> store.size(location)).isExactlyInstanceOf(MalformedResponseException.class)
                .hasMessage(server.uri("/garbled-416") + " answered 416 with an unreadable Content-Range: \"bytes */lots\"");
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
    void aStatusLineTheClientCannotReadIsAMalformedResponseAndNotRetried() throws Exception {
        server.on("/status-zero", (request, number, response) -> response.line("HTTP/1.1 000 Zero")
                .header("Content-Length", 0).end());
        Location location = location("/status-zero");

        assertThatThrownBy(() -> store.size(location)).isExactlyInstanceOf(MalformedResponseException.class)
                .hasMessage(location.url() + " answered with a response the HTTP client cannot read (reading " + location
                        + "): IllegalArgumentException: Status code must not be negative or zero: 0");
        assertThat(server.requests("/status-zero")).hasSize(1);
    }

    @Test
    void aReadGoingOnAfterTheStoreClosedSaysSo() throws Exception {
        server.on("/object", (request, number, response) -> response.serve(DATA, "\"v1\""));
        Location location = location("/object");

        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.readNBytes(1000)).hasSize(1000);
            store.close();
            assertThatThrownBy(stream::readAllBytes).isExactlyInstanceOf(StoreException.class)
                    .hasMessage("Cannot read " + location + ": store 'web' is closed");
        }
    }

    @Test
    void forbiddenIsAccessDenied() throws Exception {
        server.on("/forbidden", (request, number, response) -> response.status(403).header("Content-Length", 0).end());

        assertThatThrownBy(() -> store.get(location("/forbidden")).close()).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> store.size(location("/forbidden"))).isInstanceOf(PermissionDeniedException.class);
    }
}
