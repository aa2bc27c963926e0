package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** An embedded Jetty 12 serving a directory with its own Range, HEAD and ETag support, over HTTP or HTTPS. */
final class JettyFileServer implements ServedDirectory {
    private final Server server;
    private final Path root;
    private final URI base;
    private Path ownedDir;

    private JettyFileServer(Server server, Path root, URI base) {
        this.server = server;
        this.root = root;
        this.base = base;
    }

    /** Serves a new temp directory, removed again when the server is closed. */
    static JettyFileServer startInTempDir(String prefix) throws Exception {
        Path work = Files.createTempDirectory(prefix);
        JettyFileServer server = start(Files.createDirectory(work.resolve("www")));
        server.ownedDir = work;
        return server;
    }

    static JettyFileServer start(Path root) throws Exception {
        Server server = new Server();
        return start(server, new ServerConnector(server), root, "http");
    }

    /** Over HTTPS, with the key and certificate of a PKCS#12 key store. */
    static JettyFileServer startTls(Path root, Path keyStore, String password) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStorePassword(password);
        tls.setKeyStoreType("PKCS12");
        Server server = new Server();
        return start(server, new ServerConnector(server, tls), root, "https");
    }

    private static JettyFileServer start(Server server, ServerConnector connector, Path root, String scheme)
            throws Exception {
        requireNonNull(root, "root is null");
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler() {
            @Override
            protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized pool) {
                // no content cache: a file removed by a test must be gone at once
                return new ResourceHttpContentFactory(getBaseResource(), getMimeTypes(), pool);
            }
        };
        files.setBaseResource(ResourceFactory.of(server).newResource(root));
        files.setDirAllowed(false);
        files.setEtags(true);
        files.setAcceptRanges(true);
        server.setHandler(new Handler.Wrapper(files) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (Request.getPathInContext(request).endsWith("/")) {
                    // a directory is no object (nginx is configured the same way)
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                return super.handle(request, response, callback);
            }
        });
        server.start();
        URI base = URI.create(scheme + "://127.0.0.1:" + connector.getLocalPort() + "/");
        return new JettyFileServer(server, root, base);
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (ownedDir != null) {
            PathUtils.deleteDirectory(ownedDir);
        }
    }
}
