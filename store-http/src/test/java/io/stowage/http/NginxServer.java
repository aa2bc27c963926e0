package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An nginx started by the tests on 127.0.0.1 with a private config, prefix and logs in a temp
 * directory, serving a directory. The binary comes from {@code $NGINX_BINARY}, the PATH or
 * {@code /usr/sbin} (Debian package {@code nginx}); when there is none the suite fails, it does
 * not skip.
 *
 * <p>nginx runs as a daemon: its start command returns once the master process has bound the
 * listening socket, so the server is ready when {@link #start} returns, without polling.
 */
final class NginxServer implements ServedDirectory {
    private static final int PORT_ATTEMPTS = 5;

    private final Path root;
    private final Path work;
    private Path ownedDir;
    private final URI base;
    private final long pid;

    private NginxServer(Path root, Path work, URI base, long pid) {
        this.root = root;
        this.work = work;
        this.base = base;
        this.pid = pid;
    }

    /** The nginx binary, or an {@link AssertionError} saying how to install it. */
    static Path binary() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("NGINX_BINARY")).filter(value -> !value.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        for (String directory : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, "nginx"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nginx"));
        candidates.add(Path.of("/usr/local/sbin/nginx"));
        candidates.add(Path.of("/usr/local/nginx/sbin/nginx"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "nginx is not installed, so the nginx suite cannot run (it fails rather than skips): install the"
                        + " Debian package 'nginx' (apt-get install -y nginx) or set NGINX_BINARY"));
    }

    /** Starts nginx serving a new temp directory; the directory is removed again when nginx is closed. */
    static NginxServer startInTempDir(String prefix) throws Exception {
        Path work = Files.createTempDirectory(prefix);
        NginxServer server = start(Files.createDirectory(work.resolve("www")), work);
        server.ownedDir = work;
        return server;
    }

    /** Starts nginx serving {@code root}, with its config, pid file, logs and temp files under {@code work}. */
    static NginxServer start(Path root, Path work) throws Exception {
        requireNonNull(root, "root is null");
        requireNonNull(work, "work is null");
        Path nginx = binary();
        String failures = "";
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            Path config = writeConfig(root, work, port);
            Path errorLog = work.resolve("error.log");
            Process process = new ProcessBuilder(nginx.toString(), "-p", work.toString(), "-c", config.toString(),
                    "-e", errorLog.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("start.out").toFile())
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("nginx did not start within 30 s; see " + errorLog);
            }
            String output = Files.readString(work.resolve("start.out"))
                    + (Files.exists(errorLog) ? Files.readString(errorLog) : "");
            if (process.exitValue() == 0) {
                long pid = Long.parseLong(Files.readString(work.resolve("nginx.pid")).trim());
                return new NginxServer(root, work, URI.create("http://127.0.0.1:" + port + "/"), pid);
            }
            failures = output;
            if (!output.contains("Address already in use")) {
                break;
            }
        }
        throw new AssertionError("nginx failed to start: " + failures);
    }

    private static Path writeConfig(Path root, Path work, int port) throws IOException {
        Path temp = Files.createDirectories(work.resolve("temp"));
        boolean runsAsRoot = "root".equals(System.getProperty("user.name"));
        String config = String.join("\n",
                "daemon on;",
                "master_process on;",
                "worker_processes 1;",
                runsAsRoot ? "user root;" : "",
                "pid " + work.resolve("nginx.pid") + ";",
                "events { worker_connections 256; }",
                "http {",
                "  access_log off;",
                "  default_type application/octet-stream;",
                "  sendfile on;",
                "  keepalive_timeout 30s;",
                "  client_body_temp_path " + temp.resolve("body") + ";",
                "  proxy_temp_path " + temp.resolve("proxy") + ";",
                "  fastcgi_temp_path " + temp.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + temp.resolve("uwsgi") + ";",
                "  scgi_temp_path " + temp.resolve("scgi") + ";",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    server_name localhost;",
                "    root " + root + ";",
                "    autoindex off;",
                "    location ~ /$ { return 404; }  # a directory is no object",
                "  }",
                "}",
                "");
        return Files.writeString(work.resolve("nginx.conf"), config);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
        Optional<ProcessHandle> master = ProcessHandle.of(pid);
        if (master.isPresent()) {
            master.get().destroy();
            master.get().onExit().get(30, TimeUnit.SECONDS);
        }
        if (ownedDir != null) {
            PathUtils.deleteDirectory(ownedDir);
        }
    }

    @Override
    public String toString() {
        return "nginx at " + base + " (work dir " + work + ")";
    }
}
