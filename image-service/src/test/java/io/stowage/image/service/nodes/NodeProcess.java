package io.stowage.image.service.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TestNode} in a separate JVM on the test's classpath, with its config in a file and
 * its secrets in its environment; {@link #kill} is SIGKILL. Its output goes to files in the
 * test's dir, shown when it fails to start.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("PORT (\\d+)");

    private final Process process;
    private final Path stderr;
    private final int port;

    private NodeProcess(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
    }

    /** Starts a node on {@code config} (YAML) and waits until it listens. */
    public static NodeProcess start(Path dir, String name, String config, Map<String, String> environment) {
        try {
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, config);
            Path stdout = Files.createTempFile(dir, name + "-out-", ".log");
            Path stderr = Files.createTempFile(dir, name + "-err-", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), TestNode.class.getName(), file.toString())
                    .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new NodeProcess(process, stderr, awaitPort(process, stdout, stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int awaitPort(Process process, Path stdout, Path stderr) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = PORT.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("The node ended before it listened: " + Files.readString(stderr));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        process.destroyForcibly();
        throw new AssertionError("The node did not listen within 120 s: " + Files.readString(stderr));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("A killed node did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the node logged so far. */
    public String log() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Lines of its log that report errors, for failure messages. */
    public List<String> errors() {
        return log().lines().filter(line -> line.contains("ERROR") || line.contains("Exception")).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
