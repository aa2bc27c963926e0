package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.SizeLimitExceededException;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload whose server takes longer than HttpClient's default 3 s to refuse it: the client still
 * waits for the answer to its request's head ({@code Expect: 100-continue}) and sends no byte of
 * the body. The server is a fake on a socket, so that the test decides when it answers.
 */
class SlowRefusalTest {
    /** Longer than HttpClient's default wait for 100 Continue, well within the client's. */
    private static final Duration SLOW = Duration.ofSeconds(5);
    private static final String ID = "0a4fd1a2-4cd5-4c9e-8bd8-2b0a3c6f3c11";
    private static final String REASON = "413 Request Entity Too Large: decided slowly";

    @TempDir
    Path dir;

    @Test
    void aRefusalThatTakesFiveSecondsStillArrivesBeforeTheBody() throws Exception {
        assertThat(ApiHttp.WAIT_FOR_CONTINUE).isGreaterThan(SLOW.multipliedBy(3).dividedBy(2));
        Path file = Files.write(dir.resolve("image.raw"), Payload.of(256 * 1024, 7).bytes());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort();
            CompletableFuture<Long> bodyBytes = CompletableFuture.supplyAsync(() -> refuseSlowly(server));
            try (ImageClient client = ImageClient.builder().apiServers(List.of(url)).retries(0).build()) {
                assertThatThrownBy(() -> client.upload(ID, UploadData.ofFile(file), Optional.empty()))
                        .isInstanceOf(SizeLimitExceededException.class)
                        .hasMessage("Cannot upload the data of image " + ID + ": " + url + " answered " + REASON);
            }

            assertThat(bodyBytes.get(60, TimeUnit.SECONDS)).as("bytes of the body the server got").isZero();
        }
    }

    /**
     * Accepts one connection, reads the request's head, takes {@link #SLOW} to decide, answers
     * 413 and returns how many bytes the client sent after the head, up to its end of the stream.
     */
    private static long refuseSlowly(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            readHead(in);
            // the slowness under test, not a synchronisation: nothing is awaited
            Thread.sleep(SLOW.toMillis());
            byte[] body = (REASON + "\n").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 413 Payload Too Large\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return bytesUntilClosed(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes read until the client closed the connection, whether gracefully or with a reset (as it drops a connection it will not reuse). */
    private static long bytesUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (SocketException reset) {
            // the client's abortive close: what came before it is counted
        }
        return total;
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The request ended inside its head");
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
