package io.stowage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end, timed by the wall clock from start to exit, with what it printed (stdout and stderr). */
record TimedProcess(long nanos, String output) {
    /**
     * Runs {@code command} in {@code cwd}.
     *
     * @throws IllegalStateException when it fails or takes longer than 10 minutes
     */
    static TimedProcess run(Path cwd, List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return finish(command, process, start, output);
    }

    /**
     * Runs {@code command} in {@code cwd} with its stdout going to {@code stdout} (created or
     * truncated, as a shell's {@code > FILE} does); {@link #output()} holds what it printed on stderr.
     *
     * @throws IllegalStateException when it fails or takes longer than 10 minutes
     */
    static TimedProcess runWithStdoutTo(Path cwd, List<String> command, Path stdout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(stdout.toFile()).start();
        String errors;
        try (InputStream in = process.getErrorStream()) {
            errors = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return finish(command, process, start, errors);
    }

    private static TimedProcess finish(List<String> command, Process process, long start, String output)
            throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 minutes");
        }
        long nanos = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ": " + output);
        }
        return new TimedProcess(nanos, output);
    }
}
