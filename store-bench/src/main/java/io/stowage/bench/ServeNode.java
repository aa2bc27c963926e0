package io.stowage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One image-service node: {@code ./stowage -c CONFIG serve} in a process of its own (the launcher
 * execs the JVM, so the process is the node), its log in a file. It can be killed with SIGKILL and
 * started again on the same config and port.
 */
final class ServeNode implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Path launcher;
    private final Path config;
    private final int port;
    private final Path log;
    private Process process;

    private ServeNode(Path launcher, Path config, int port, Path log) {
        this.launcher = launcher;
        this.config = config;
        this.port = port;
        this.log = log;
    }

    /** Starts a node on {@code config}, which makes it listen on 127.0.0.1:{@code port}, and waits until it does. */
    static ServeNode start(Path launcher, Path config, int port, String name) throws IOException {
        ServeNode node = new ServeNode(launcher, config, port, config.resolveSibling(name + ".log"));
        node.start();
        return node;
    }

    private void start() throws IOException {
        long logged = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(launcher.toString(), "-c", config.toString(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher matcher = LISTENING.matcher(text.substring((int) Math.min(logged, text.length())));
            if (matcher.find() && Integer.parseInt(matcher.group(1)) == port) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("stowage serve ended: " + text);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        process.destroyForcibly();
        throw new IllegalStateException("stowage serve did not listen on port " + port + " within 120 s: "
                + Files.readString(log));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The bytes the node has read so far (its files, sockets, the registry): {@code rchar} of {@code /proc/PID/io}. */
    long bytesRead() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).trim());
            }
        }
        throw new IllegalStateException("/proc/" + process.pid() + "/io has no rchar");
    }

    /** SIGKILL, as a crash; waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("stowage serve did not die within 60 s of SIGKILL");
        }
    }

    /** Starts the node again after {@link #kill()}, on the same port. */
    void restart() throws IOException {
        start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static List<String> urls(List<ServeNode> nodes) {
        return nodes.stream().map(ServeNode::url).toList();
    }
}
