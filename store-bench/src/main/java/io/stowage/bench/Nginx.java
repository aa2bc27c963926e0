package io.stowage.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An nginx of our own on 127.0.0.1 serving a dir, with a private config, pid file, logs and
 * temp dirs in a work dir (the way store-http's tests run it). The binary comes from
 * {@code $NGINX_BINARY}, the PATH or {@code /usr/sbin}; without one the http and heap groups
 * fail. {@link #close()} stops the master process this object started, and only it.
 */
final class Nginx implements AutoCloseable {
    private static final int PORT_ATTEMPTS = 5;

    private final URI base;
    private final long pid;

    private Nginx(URI base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    static Path binary() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("NGINX_BINARY")).filter(value -> !value.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "nginx"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nginx"));
        candidates.add(Path.of("/usr/local/sbin/nginx"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "nginx is not installed: install the Debian package 'nginx' or set NGINX_BINARY"));
    }

    /** Starts nginx serving {@code root}; its files go under {@code work}. Returns once it listens. */
    static Nginx start(Path root, Path work) throws IOException, InterruptedException {
        Path nginx = binary();
        String failure = "";
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = Ports.free();
            Path config = writeConfig(root, work, port);
            Path errorLog = work.resolve("error.log");
            Path output = work.resolve("start.out");
            // daemon on: the start command returns once the master has bound the port
            Process process = new ProcessBuilder(nginx.toString(), "-p", work.toString(), "-c", config.toString(),
                    "-e", errorLog.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("nginx did not start within 30 s; see " + errorLog);
            }
            String said = Files.readString(output) + (Files.exists(errorLog) ? Files.readString(errorLog) : "");
            if (process.exitValue() == 0) {
                long pid = Long.parseLong(Files.readString(work.resolve("nginx.pid")).trim());
                return new Nginx(URI.create("http://127.0.0.1:" + port + "/"), pid);
            }
            failure = said;
            if (!said.contains("Address already in use")) {
                break;
            }
        }
        throw new IllegalStateException("nginx failed to start: " + failure);
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
                "events { worker_connections 64; }",
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
                "  }",
                "}",
                "");
        return Files.writeString(work.resolve("nginx.conf"), config);
    }


    /** The URL of {@code name} under the served dir. */
    URI url(String name) {
        return base.resolve(name);
    }

    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> master = ProcessHandle.of(pid);
        if (master.isPresent()) {
            master.get().destroy();
            master.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
