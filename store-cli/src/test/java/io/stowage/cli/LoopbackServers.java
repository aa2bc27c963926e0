package io.stowage.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.security.Credential;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The servers of the tests that drive every backend, on 127.0.0.1 only: an embedded Jetty
 * serving a directory (optionally behind Jetty's own basic authentication) and an embedded
 * S3Proxy 4.1 (in-memory blobs) with given keys.
 */
final class LoopbackServers {
    private LoopbackServers() {}

    /** A running Jetty; {@link #close} stops it. */
    record Web(Server server, int port) implements AutoCloseable {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }

    /** A running S3Proxy; {@link #close} stops it. */
    record S3(S3Proxy proxy) implements AutoCloseable {
        String endpoint() {
            return "http://127.0.0.1:" + proxy.getPort();
        }

        @Override
        public void close() throws Exception {
            proxy.stop();
        }
    }

    /**
     * Jetty serving the files of {@code root} (no directory listings); with {@code user} and
     * {@code password}, every path needs them (HTTP basic authentication).
     */
    static Web web(Path root, Optional<String> user, Optional<String> password) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(jetty).newResource(root));
        files.setDirAllowed(false);
        if (user.isPresent()) {
            UserStore users = new UserStore();
            users.addUser(user.get(), Credential.getCredential(password.orElseThrow()), new String[] {"reader"});
            HashLoginService logins = new HashLoginService("stowage");
            logins.setUserStore(users);
            SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
            security.setLoginService(logins);
            security.setAuthenticator(new BasicAuthenticator());
            security.put("/*", Constraint.from("reader"));
            security.setHandler(files);
            jetty.setHandler(security);
        } else {
            jetty.setHandler(files);
        }
        jetty.start();
        return new Web(jetty, connector.getLocalPort());
    }

    /** S3Proxy with AWS V2/V4 authentication by {@code accessKey} and {@code secretKey}. */
    static S3 s3(String accessKey, String secretKey) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        proxy.start();
        return new S3(proxy);
    }
}
