package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.TestService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request refused before its body is read, whose body is still arriving: a client that sent the
 * whole body without waiting (no {@code Expect: 100-continue}, as python-requests does) gets its
 * error answer and can send the next request on the same connection, instead of a reset.
 */
class RefusedBodyConnectionTest {
    private static final int BODY = 100_000;

    @TempDir
    Path dir;

    private TestService service;

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aSmallBodyStillArrivingIsSkippedAndTheConnectionServesTheNextRequest() throws Exception {
        service = TestService.start(dir);
        try (RawHttpConnection connection = RawHttpConnection.open(service.port())) {
            connection.sendHead("POST /v1/images HTTP/1.1", "Content-Type: text/plain", "x-image-meta-name: refused",
                    "Content-Length: " + BODY);
            connection.send(new byte[BODY / 2]);
            // a slow client: the rest of the body comes after the server has seen the headers
            Thread.sleep(300);
            connection.send(new byte[BODY - BODY / 2]);
            connection.sendHead("GET /versions HTTP/1.1");

            List<String> first = connection.readAnswer();
            List<String> second = connection.readAnswer();

            assertThat(first.get(0)).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(first).noneMatch(line -> line.equalsIgnoreCase("Connection: close"));
            assertThat(second).as("the answer to the next request on the connection").isNotEmpty();
            assertThat(second.get(0)).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(service.storedFiles()).isEmpty();
    }
}
