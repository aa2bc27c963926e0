package io.stowage.image.service;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A web server on {@code 127.0.0.1} and a free port (Jetty) that serves the files a test puts in
 * it and records every request it gets, so that a test can prove the service fetched a URL, or
 * that it never sent anything.
 */
public final class LoopbackOrigin implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LoopbackOrigin() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                requests.add(request.getMethod() + " " + path);
                byte[] data = files.get(path);
                if (data == null) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, data.length);
                response.write(true, request.getMethod().equals("HEAD") ? null : ByteBuffer.wrap(data), callback);
                return true;
            }
        });
        server.start();
    }

    public static LoopbackOrigin start() {
        try {
            return new LoopbackOrigin();
        } catch (Exception e) {
            throw new IllegalStateException("The loopback origin could not start", e);
        }
    }

    /** Serves {@code data} at {@code path} from now on. */
    public LoopbackOrigin serve(String path, byte[] data) {
        files.put(path, data.clone());
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request so far, as {@code METHOD path}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
