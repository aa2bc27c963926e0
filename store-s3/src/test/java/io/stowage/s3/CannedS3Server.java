package io.stowage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTP server on loopback that answers each request line (e.g. {@code "HEAD /bucket/key"})
 * with a canned response, one request per connection: how to get the answers a real S3 never
 * sends (a HEAD without Content-Length, a garbled Content-Range) in front of the real SDK client.
 * Unknown requests get 404 NoSuchKey; a HEAD of the bucket is answered 200, so a store can open.
 */
final class CannedS3Server implements AutoCloseable {
    static final String BUCKET = "canned";

    private final ServerSocket socket;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> nextAnswers = new ConcurrentHashMap<>();
    private final Thread acceptor;

    private CannedS3Server(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::serve, "canned-s3-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        answer("HEAD /" + BUCKET, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n", "");
        answer("HEAD /" + BUCKET + "/", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n", "");
    }

    static CannedS3Server start() throws IOException {
        CannedS3Server server = new CannedS3Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        server.acceptor.start();
        return server;
    }

    /**
     * Answers {@code method path} (the path without the query) with {@code statusAndHeaders}, each
     * header line ending in CRLF, and {@code body}.
     */
    void answer(String methodAndPath, String statusAndHeaders, String body) {
        answers.put(methodAndPath, statusAndHeaders + "\r\n" + body);
    }

    /**
     * Answers the next request for {@code method path} so, once, before the standing {@link #answer};
     * several are used in the order given. A {@code body} shorter than the Content-Length is an
     * answer cut off.
     */
    void answerOnce(String methodAndPath, String statusAndHeaders, String body) {
        nextAnswers.computeIfAbsent(methodAndPath, key -> new ConcurrentLinkedQueue<>()).add(statusAndHeaders + "\r\n" + body);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** A store config for the canned bucket (path style, dummy keys, no retries). */
    S3StoreConfigBuilder config() {
        return S3StoreConfig.builder(BUCKET).endpoint(endpoint().toString()).pathStyle().region("us-east-1")
                .credentials("AKCANNED", "canned-secret").retries(0);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                String request = requestLine(connection.getInputStream());
                String methodAndPath = request.replaceFirst(" HTTP/1\\.1$", "").replaceFirst("\\?.*$", "");
                String once = nextAnswers.getOrDefault(methodAndPath, new ConcurrentLinkedQueue<>()).poll();
                String answer = once != null ? once : answers.getOrDefault(methodAndPath, "HTTP/1.1 404 Not Found\r\n"
                        + "Content-Type: application/xml\r\nContent-Length: 55\r\n\r\n<Error><Code>NoSuchKey</Code><Message/>"
                        + "</Error>\n\n\n\n\n");
                OutputStream out = connection.getOutputStream();
                out.write(withConnectionClose(answer).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException | RuntimeException e) {
                // the client went away, or the server is closing
            }
        }
    }

    private static String withConnectionClose(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return answer.substring(0, end) + "\r\nConnection: close" + answer.substring(end);
    }

    /** Reads the request head and returns its first line. */
    private static String requestLine(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, Math.max(0, text.indexOf("\r\n")));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
