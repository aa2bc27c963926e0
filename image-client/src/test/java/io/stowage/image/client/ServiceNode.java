package io.stowage.image.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One image-service node: a separate JVM running {@link ServiceNodeMain} with this JVM's class
 * path, on a config file of the test's. Killed with SIGKILL (as a crash would) by {@link #kill()}
 * and by {@link #close()}. Its log goes to a file beside the config.
 */
final class ServiceNode implements AutoCloseable {
    private static final long START_SECONDS = 120;

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node on {@code config} and waits until it listens; fails loudly if it cannot start. */
    static ServiceNode start(Path config, String name) throws IOException, InterruptedException {
        Path log = config.resolveSibling(name + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("java.class.path"), ServiceNodeMain.class.getName(), config.toString());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> firstLine(process));
        try {
            String line = listening.get(START_SECONDS, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("listening ")) {
                throw new AssertionError("Image-service node " + name + " did not start: " + Files.readString(log));
            }
            return new ServiceNode(process, Integer.parseInt(line.substring("listening ".length())), log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("Image-service node " + name + " did not start within " + START_SECONDS + " s: "
                    + Files.readString(log), e);
        }
    }

    private static String firstLine(Process process) {
        try {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    int port() {
        return port;
    }

    /** The node's API, as a client names it. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone (its port then refuses connections). */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("Image-service node on port " + port + " did not die within 60 s of SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
