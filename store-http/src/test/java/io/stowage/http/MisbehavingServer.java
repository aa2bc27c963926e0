package io.stowage.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 server on 127.0.0.1 that answers each path with a scripted behaviour, right
 * or wrong: lying lengths, bodies cut mid-way, redirect loops, 503s, refused HEADs, ignored
 * ranges. One request per connection ({@code Connection: close}). Every request is recorded.
 */
final class MisbehavingServer implements AutoCloseable {
    /** A request as received. */
    record Request(String method, String path, Map<String, String> headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** How one path answers; {@code number} counts the requests to that path from 0. */
    @FunctionalInterface
    interface Behaviour {
        void answer(Request request, int number, Response response) throws IOException;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "misbehaving-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private MisbehavingServer(ServerSocket socket) {
        this.socket = socket;
    }

    static MisbehavingServer start() throws IOException {
        MisbehavingServer server = new MisbehavingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        server.threads.execute(server::acceptLoop);
        return server;
    }

    /** Answers {@code path} with {@code behaviour}. */
    MisbehavingServer on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The same URL by the name {@code localhost}: another origin for the same server. */
    URI uriByName(String path) {
        return URI.create("http://localhost:" + socket.getLocalPort() + path);
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            Optional<Request> request = readRequest(in);
            if (request.isEmpty()) {
                return;
            }
            requests.add(request.get());
            String path = request.get().path();
            int number = counts.computeIfAbsent(path, key -> new AtomicInteger()).getAndIncrement();
            Response response = new Response(connection.getOutputStream(), request.get());
            Behaviour behaviour = behaviours.get(path);
            if (behaviour == null) {
                response.status(404).header("Content-Length", "0").end();
            } else {
                behaviour.answer(request.get(), number, response);
            }
            connection.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static Optional<Request> readRequest(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new TreeMap<>();
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        return Optional.of(new Request(parts[0], parts[1], headers));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                bytes.write(c);
            }
        }
        return c < 0 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** Blocks a behaviour until the server closes: a stalled response. */
    void stall() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        socket.close();
        threads.shutdownNow();
    }

    /** Writes one response, rightly or wrongly. */
    static final class Response {
        private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

        private final OutputStream out;
        private final Request request;
        private final StringBuilder head = new StringBuilder();
        private boolean headWritten;

        Response(OutputStream out, Request request) {
            this.out = out;
            this.request = request;
        }

        Response status(int code) {
            head.append("HTTP/1.1 ").append(code).append(" Status").append("\r\n");
            return this;
        }

        /** Writes {@code text} as one line of the head, as it is: a status line or a header, right or wrong. */
        Response line(String text) {
            head.append(text).append("\r\n");
            return this;
        }

        Response header(String name, Object value) {
            head.append(name).append(": ").append(value).append("\r\n");
            return this;
        }

        /** Ends the head; then the body (if any) follows with {@link #body}. */
        Response end() throws IOException {
            if (!headWritten) {
                head.append("Connection: close\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                headWritten = true;
            }
            return this;
        }

        Response body(byte[] data, int from, int to) throws IOException {
            end();
            if (!request.method().equals("HEAD")) {
                out.write(data, from, to - from);
                out.flush();
            }
            return this;
        }

        /** Sends {@code data} as a resource should, honouring a single {@code Range} and HEAD. */
        void serve(byte[] data, String etag) throws IOException {
            serve(data, etag, Integer.MAX_VALUE);
        }

        /**
         * Like {@link #serve(byte[], String)}, but the connection is cut after {@code cutAfter}
         * body bytes, although the headers promised more.
         */
        void serve(byte[] data, String etag, int cutAfter) throws IOException {
            Optional<String> range = request.header("Range");
            Matcher matcher = range.map(RANGE::matcher).filter(Matcher::matches).orElse(null);
            int from = 0;
            int to = data.length;
            if (matcher != null) {
                from = Integer.parseInt(matcher.group(1));
                to = matcher.group(2).isEmpty() ? data.length : Math.min(data.length, Integer.parseInt(matcher.group(2)) + 1);
                if (from >= data.length) {
                    status(416).header("Content-Range", "bytes */" + data.length).header("Content-Length", 0).end();
                    return;
                }
                status(206).header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + data.length);
            } else {
                status(200);
            }
            header("Content-Length", to - from).header("ETag", etag).header("Accept-Ranges", "bytes");
            body(data, from, (int) Math.min(to, (long) from + Math.max(0, cutAfter)));
        }

        /** Sends {@code data[from, to)} as one chunk of a chunked body, and the last chunk when {@code last}. */
        Response chunk(byte[] data, int from, int to) throws IOException {
            end();
            out.write((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data, from, to - from);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        }

        /** The last chunk of a chunked body. */
        void lastChunk() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
