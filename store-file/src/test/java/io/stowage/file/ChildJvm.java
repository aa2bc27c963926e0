package io.stowage.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM running a main class of these tests with this JVM's class path (small heap, quick
 * start-up), whose stdout lines the test takes as they come, and which the test kills with
 * SIGKILL. Its stderr goes to a file, for messages. Used by {@link KillDuringAddTest} and
 * {@link CrashConsistencyTest}.
 */
final class ChildJvm implements AutoCloseable {
    /** What a JVM killed by SIGKILL exits with on Unix. */
    static final int KILLED = 128 + 9;
    private static final String END = new String("end of stdout");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /** The next line on stdout; empty when stdout ended. Fails after {@code timeout}. */
    Optional<String> nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line from the child within " + timeout + " (stderr: " + stderr + ")");
        }
        if (line == END) {
            lines.add(END);
            return Optional.empty();
        }
        return Optional.of(line);
    }

    /** Kills the child with SIGKILL and waits for it; returns its exit status. Its stdout stays readable to the end. */
    int kill() throws InterruptedException {
        process.toHandle().destroyForcibly(); // unlike Process.destroyForcibly, leaves the pipes open
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die within 60 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** The lines the child wrote that were not taken yet, up to the end of its stdout; call after it died. */
    List<String> remainingLines() throws InterruptedException {
        List<String> rest = new ArrayList<>();
        for (Optional<String> line = nextLine(Duration.ofSeconds(30)); line.isPresent(); line = nextLine(Duration.ofSeconds(30))) {
            rest.add(line.get());
        }
        return rest;
    }

    Path stderr() {
        return stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lines.add(END);
        }
    }
}
