package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM stopped with SIGTERM (Ctrl-C's sibling) while a file is written: the option removes the temp file. */
class AtomicFileShutdownTest {
    /** What a JVM stopped by SIGTERM exits with on Unix. */
    private static final int TERMINATED = 128 + 15;

    @TempDir
    Path dir;

    @Test
    void aStoppedJvmRemovesTheTempFileOfAFileThatAsksForIt() throws Exception {
        Path temp = stopWhileWriting("removed");

        assertThat(temp).doesNotExist();
        assertThat(AtomicFileTest.names(dir)).containsExactly("stderr.txt");
    }

    @Test
    void withoutTheOptionAStoppedJvmLeavesTheTempFile() throws Exception {
        Path temp = stopWhileWriting("kept");

        assertThat(temp).hasContent("partial");
    }

    /** Starts a child writing an {@link AtomicFile} for {@code dir/out}, stops it with SIGTERM, returns its temp file. */
    private Path stopWhileWriting(String mode) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AtomicFileHolder.class.getName(), dir.resolve("out").toString(), mode);
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the child's temp file (stderr: %s)", stderr).isNotNull();
            Path temp = Path.of(line);
            assertThat(temp).as("the temp file while the child writes").hasContent("partial");

            child.toHandle().destroy(); // SIGTERM; unlike Process.destroy, leaves the child's stdin open

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
            assertThat(child.exitValue()).isEqualTo(TERMINATED);
            assertThat(Files.readString(stderr)).as("the child's stderr").isEmpty();
            assertThat(dir.resolve("out")).doesNotExist();
            return temp;
        } finally {
            child.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
