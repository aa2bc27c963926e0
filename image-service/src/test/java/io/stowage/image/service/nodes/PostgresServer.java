package io.stowage.image.service.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: Debian's {@code postgresql} binaries, a cluster in a new
 * temp dir, listening on {@code 127.0.0.1} and a free port, trusting its one user
 * {@code stowage}. PostgreSQL refuses to run as root, so as root (CI) it runs as the
 * {@code postgres} user the package creates ({@code runuser -u postgres}), the temp dir owned by
 * it. When the binaries are missing the test fails naming the package, never skips. Tests run it
 * without fsync ({@link #start}); the benchmark, as a deployment would, with it
 * ({@link #startDurable}). The image-service's test jar holds this class for store-bench.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String USER = "stowage";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String fsync;
    private boolean running;

    private PostgresServer(Path bin, Path dir, int port, String fsync) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.fsync = fsync;
    }

    /** Creates a cluster in a new temp dir and starts it without fsync (a test's data need not survive a power cut). */
    public static PostgresServer start() {
        return start("off");
    }

    /** Creates a cluster in a new temp dir and starts it with PostgreSQL's durable defaults (fsync on). */
    public static PostgresServer startDurable() {
        return start("on");
    }

    private static PostgresServer start(String fsync) {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("stowage-pg-");
            if (isRoot()) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            PostgresServer server = new PostgresServer(bin, dir, freePort(), fsync);
            server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync"));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_BINARIES) ? Files.list(DEBIAN_BINARIES) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new AssertionError("PostgreSQL is not installed: the multi-node suites need Debian's"
                            + " postgresql package (apt-get install postgresql; .ci/run installs it)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again, after {@link #stop}) on the same port and data. */
    public void startAgain() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=" + fsync + " -c max_connections=200",
                "-w", "-t", "120", "start"));
        running = true;
    }

    /** Stops the server as an operator would ({@code pg_ctl stop -m fast}: sessions are cut, nothing committed is lost). */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "120", "stop"));
        running = false;
    }

    /** A new, empty database, and its JDBC URL. */
    public String createDatabase() {
        String name = "images_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a database on the test PostgreSQL: " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            if (running) {
                stop();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("stowage-pg-command-", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("PostgreSQL command did not finish in 180 s: " + full);
                }
                if (process.exitValue() != 0) {
                    String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                    throw new AssertionError("PostgreSQL command failed (" + process.exitValue() + "): " + full + "\n"
                            + Files.readString(output, StandardCharsets.UTF_8) + "\nserver log:\n" + log);
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temp dir; nothing depends on it
        }
    }
}
