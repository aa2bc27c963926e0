package io.stowage.tck.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.InvalidRangeException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.tck.memory.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server in front of a {@link MemoryStore}, the server side of the network
 * backend the TCK's own build runs the network fault suite against:
 * {@code PUT /id} adds (409 when it exists), {@code GET /id} reads (with {@code Range: bytes=a-b}),
 * {@code HEAD /id} gives the size, {@code DELETE /id} removes.
 */
final class LoopbackHttpServer implements AutoCloseable {
    private final MemoryStore memory = new MemoryStore("loopback");
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-http-server");
        thread.setDaemon(true);
        return thread;
    });

    LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    MemoryStore memory() {
        return memory;
    }

    private void handle(HttpExchange exchange) throws IOException {
        // One request per connection: a client must never reuse a connection the fault proxy may have broken.
        exchange.getResponseHeaders().set("Connection", "close");
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!ObjectId.isValid(path.substring(1))) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            ObjectId id = ObjectId.of(path.substring(1));
            switch (exchange.getRequestMethod()) {
                case "PUT" -> put(exchange, id);
                case "GET" -> get(exchange, id);
                case "HEAD" -> head(exchange, id);
                case "DELETE" -> delete(exchange, id);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        } catch (ObjectNotFoundException e) {
            exchange.sendResponseHeaders(404, -1);
        } catch (ObjectAlreadyExistsException e) {
            exchange.sendResponseHeaders(409, -1);
        } catch (InvalidRangeException e) {
            exchange.sendResponseHeaders(416, -1);
        }
    }

    private void put(HttpExchange exchange, ObjectId id) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            memory.add(id, body, AddOptions.defaults());
        }
        exchange.sendResponseHeaders(201, -1);
    }

    private void get(HttpExchange exchange, ObjectId id) throws IOException {
        ByteRange range = ByteRange.ALL;
        String header = exchange.getRequestHeaders().getFirst("Range");
        if (header != null && header.startsWith("bytes=")) {
            String[] bounds = header.substring(6).split("-", -1);
            long offset = Long.parseLong(bounds[0]);
            range = bounds[1].isEmpty() ? ByteRange.from(offset) : ByteRange.of(offset, Long.parseLong(bounds[1]) - offset + 1);
        }
        try (ObjectStream data = memory.get(memory.locationOf(id), range)) {
            exchange.getResponseHeaders().set("X-Object-Size", Long.toString(data.objectSize()));
            exchange.sendResponseHeaders(range.isAll() ? 200 : 206, data.length() == 0 ? -1 : data.length());
            if (data.length() > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    data.transferTo(out);
                }
            }
        }
    }

    private void head(HttpExchange exchange, ObjectId id) throws IOException {
        exchange.getResponseHeaders().set("X-Object-Size", Long.toString(memory.size(memory.locationOf(id))));
        exchange.sendResponseHeaders(200, -1);
    }

    private void delete(HttpExchange exchange, ObjectId id) throws IOException, StoreException {
        memory.delete(memory.locationOf(id));
        exchange.sendResponseHeaders(204, -1);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
