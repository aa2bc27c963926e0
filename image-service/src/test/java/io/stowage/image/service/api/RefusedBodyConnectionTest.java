package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.TestService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                    + "x-image-meta-name: refused\r\nContent-Length: " + BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[BODY / 2]);
            out.flush();
            // a slow client: the rest of the body comes after the server has seen the headers
            Thread.sleep(300);
            out.write(new byte[BODY - BODY / 2]);
            out.write("GET /versions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> first = readAnswer(in);
            List<String> second = readAnswer(in);

            assertThat(first.get(0)).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(first).noneMatch(line -> line.equalsIgnoreCase("Connection: close"));
            assertThat(second).as("the answer to the next request on the connection").isNotEmpty();
            assertThat(second.get(0)).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(service.storedFiles()).isEmpty();
    }

    /** The status line and headers of one answer, its body skipped; empty at the end of the stream. */
    private static List<String> readAnswer(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        long length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            lines.add(line);
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        assertThat(in.skip(length)).isEqualTo(length);
        return lines;
    }
}
