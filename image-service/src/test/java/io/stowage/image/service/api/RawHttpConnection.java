package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 connection to a test's service over a plain socket, for what a client library
 * hides: what is sent when (headers without their body, a body in pieces) and each answer as it
 * arrives, interim ones ({@code 100 Continue}) included. Reads give up after 60 s, as a guard.
 */
final class RawHttpConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    static RawHttpConnection open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(60_000);
        return new RawHttpConnection(socket);
    }

    /** Sends a request line and {@code headers} ({@code "Name: value"}), without a body. */
    void sendHead(String requestLine, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        send(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * The status line and headers of the next answer, its body (of {@code Content-Length}) read
     * and dropped; empty at the end of the stream.
     */
    List<String> readAnswer() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            lines.add(line);
        }
        long length = header(lines, "Content-Length").map(Long::parseLong).orElse(0L);
        assertThat(in.skip(length)).as("the body of %s", lines).isEqualTo(length);
        return lines;
    }

    /** Whether the server closed the connection (cleanly: a reset throws) with nothing more sent. */
    boolean endedByServer() throws IOException {
        return in.read() < 0;
    }

    /** The value of the first header {@code name} among an answer's {@code lines}. */
    static Optional<String> header(List<String> lines, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return lines.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim()).findFirst();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
