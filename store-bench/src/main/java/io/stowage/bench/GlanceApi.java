package io.stowage.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Glance of our own (Debian's {@code glance-api}, Glance 25) on 127.0.0.1, run from a work
 * dir with its own config files, never a system service: no Keystone ({@code [paste_deploy]
 * flavor} empty: every caller is an admin without a project), a SQLite database made with
 * {@code glance-manage db_sync}, two file stores ({@code enabled_backends = local:file,
 * fast:file}, {@code local} the default) and the staging and tasks stores in the work dir, Glance's
 * defaults otherwise (MD5 {@code checksum} and SHA-512 {@code os_hash}, one worker per core).
 * {@link #close()} stops the processes this object started (the parent and its workers), and only
 * them.
 */
final class GlanceApi implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<Path> BINARY_DIRS = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"));

    private final Process process;
    private final String url;
    private final Path log;

    private GlanceApi(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The {@code glance-api} command, if Glance is installed. */
    static Optional<Path> binary() {
        return BINARY_DIRS.stream().map(dir -> dir.resolve("glance-api")).filter(Files::isExecutable).findFirst()
                .filter(api -> Files.isExecutable(api.resolveSibling("glance-manage")));
    }

    /** Writes the config under {@code work}, makes the database and starts Glance; returns once it answers. */
    static GlanceApi start(Path work) throws Exception {
        Path api = binary().orElseThrow(() -> new IllegalStateException("glance-api is not installed"));
        int port = Ports.free();
        Path config = writeConfig(work, port);
        Path configDir = Files.createDirectories(work.resolve("glance-api.conf.d"));
        TimedProcess.run(work, List.of(api.resolveSibling("glance-manage").toString(), "--config-file", config.toString(),
                "--config-dir", configDir.toString(), "db_sync"));
        Path log = work.resolve("glance-api.log");
        Process process = new ProcessBuilder(api.toString(), "--config-file", config.toString(), "--config-dir",
                configDir.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        GlanceApi glance = new GlanceApi(process, "http://127.0.0.1:" + port, log);
        try {
            glance.awaitAnswer();
        } catch (Exception | Error e) {
            glance.close();
            throw e;
        }
        return glance;
    }

    private static Path writeConfig(Path work, int port) throws IOException {
        List<String> dirs = new ArrayList<>();
        for (String name : List.of("local", "fast", "staging", "tasks", "locks")) {
            dirs.add(Files.createDirectories(work.resolve(name)) + "/");
        }
        Files.copy(Path.of("/etc/glance/glance-api-paste.ini"), work.resolve("glance-api-paste.ini"));
        String config = String.join("\n",
                "[DEFAULT]",
                "bind_host = 127.0.0.1",
                "bind_port = " + port,
                "enabled_backends = local:file, fast:file",
                "use_stderr = true",
                "[paste_deploy]",
                "flavor =",
                "config_file = " + work.resolve("glance-api-paste.ini"),
                "[database]",
                "connection = sqlite:///" + work.resolve("glance.sqlite"),
                "[glance_store]",
                "default_backend = local",
                "[local]",
                "filesystem_store_datadir = " + dirs.get(0),
                "[fast]",
                "filesystem_store_datadir = " + dirs.get(1),
                "[os_glance_staging_store]",
                "filesystem_store_datadir = " + dirs.get(2),
                "[os_glance_tasks_store]",
                "filesystem_store_datadir = " + dirs.get(3),
                "[oslo_concurrency]",
                "lock_path = " + dirs.get(4),
                "");
        return Files.writeString(work.resolve("glance-api.conf"), config);
    }

    private void awaitAnswer() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("glance-api ended with exit code " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/v2/images?limit=1").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                int status = connection.getResponseCode();
                connection.getInputStream().close();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("glance-api did not answer within " + START_TIMEOUT.toSeconds() + " s: "
                + Files.readString(log));
    }

    /** The parent process (its workers are its children). */
    long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle worker : workers) {
            if (worker.isAlive()) {
                worker.destroyForcibly();
                worker.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
