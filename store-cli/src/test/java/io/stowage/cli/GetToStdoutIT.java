package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.tck.source.Payload;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stowage get} of a file-store object to the process's stdout, which the command writes
 * as a channel (in the kernel where it can): to a file as a shell's {@code >} and {@code >>}
 * open it, a range, and a pipe whose reader goes away.
 */
class GetToStdoutIT {
    private static final int SIZE = 5 * 1024 * 1024 + 3;

    @TempDir
    Path temp;

    private byte[] data;
    private String location;

    @BeforeEach
    void addAnObject() throws Exception {
        data = Payload.of(SIZE, 11).bytes();
        Files.write(temp.resolve("object.bin"), data);
        CliResult added = new ForkedCli(temp, Map.of()).run("add", "object.bin");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        location = added.json().get("location").asText();
    }

    @Test
    void aRangeGoesToAFile() {
        CliResult read = new ForkedCli(temp, Map.of()).run("get", "--offset", "1000", "--length", "3000000", location);

        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.stdout()).isEqualTo(Arrays.copyOfRange(data, 1000, 3_001_000));
    }

    @Test
    void aFileOpenedForAppendingGetsTheObjectAfterWhatItHeld() throws Exception {
        Path target = Files.writeString(temp.resolve("appended.bin"), "before\n");
        Process process = new ProcessBuilder(ForkedCli.launcher().toString(), "get", location).directory(temp.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(target.toFile()))
                .redirectError(temp.resolve("stderr.txt").toFile())
                .start();

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("stderr.txt"))).isZero();
        byte[] expected = new byte[7 + SIZE];
        System.arraycopy("before\n".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 7);
        System.arraycopy(data, 0, expected, 7, SIZE);
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);
    }

    @Test
    void aPipeClosedByItsReaderEndsTheCommandWithTheStdoutError() throws Exception {
        Process process = new ProcessBuilder(List.of(ForkedCli.launcher().toString(), "get", location))
                .directory(temp.toFile())
                .redirectError(temp.resolve("stderr.txt").toFile())
                .start();
        try (InputStream stdout = process.getInputStream()) {
            assertThat(stdout.readNBytes(1000)).isEqualTo(Arrays.copyOf(data, 1000));
        }

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCode.UNEXPECTED.code());
        assertThat(Files.readString(temp.resolve("stderr.txt")))
                .isEqualTo("stowage: stdout was closed before all data was written\n");
    }
}
