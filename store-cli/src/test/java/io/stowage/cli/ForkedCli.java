package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged command in a separate process, through the launcher script at the
 * repository root (system property {@code stowage.launcher}, set by the failsafe plugin after
 * {@code package}). stdout and stderr go to files, so a chatty process can never block on a
 * full pipe.
 */
final class ForkedCli {
    private static final long TIMEOUT_MINUTES = 5;

    private final Path workingDirectory;
    private final Map<String, String> environment;

    ForkedCli(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    static Path launcher() {
        String launcher = System.getProperty("stowage.launcher");
        assertThat(launcher).as("system property stowage.launcher (set by the failsafe plugin)").isNotNull();
        Path path = Path.of(launcher).toAbsolutePath().normalize();
        assertThat(path).as("the launcher script").isExecutable();
        Path jar = Path.of(System.getProperty("stowage.jar", "")).toAbsolutePath();
        assertThat(jar).as("the packaged jar; run these tests with mvn verify").isRegularFile();
        return path;
    }

    /** Starts {@code launcher args...}; stdin is a pipe the caller writes and closes. */
    Started start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return start(command);
    }

    Started start(List<String> command) {
        try {
            Path out = Files.createTempFile(workingDirectory, "stdout-", ".txt");
            Path err = Files.createTempFile(workingDirectory, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            return new Started(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code launcher args...} with empty stdin to its end. */
    CliResult run(String... args) {
        Started started = start(args);
        started.closeStdin();
        return started.finish();
    }

    /** A process that is running. */
    record Started(Process process, Path stdout, Path stderr) {
        OutputStream stdin() {
            return process.getOutputStream();
        }

        void closeStdin() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the end and collects the output; the temp files holding it are removed. */
        CliResult finish() {
            try {
                assertThat(process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)).as("the process ended in time").isTrue();
                CliResult result = new CliResult(process.exitValue(), Files.readAllBytes(stdout),
                        Files.readString(stderr, StandardCharsets.UTF_8));
                Files.delete(stdout);
                Files.delete(stderr);
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Copies {@code data} into the process's stdin and closes it. */
    static void feed(Started started, InputStream data) {
        try (OutputStream in = started.stdin()) {
            data.transferTo(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
