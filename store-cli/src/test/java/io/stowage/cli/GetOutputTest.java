package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get -o FILE} appears complete or not at all; {@code --verify} checks while streaming. */
class GetOutputTest {
    @TempDir
    Path temp;

    private Path out;
    private Cli cli;
    private byte[] content;
    private String location;

    @BeforeEach
    void setUp() throws IOException {
        Path root = temp.toRealPath();
        out = Files.createDirectories(root.resolve("out"));
        cli = new Cli(TestConfigs.fileStore(root, root.resolve("data")));
        content = Payload.of(2 * 1024 * 1024 + 3, 11).bytes();
        CliResult added = cli.run(content, "add", "--id", "obj", "-");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        location = added.json().get("location").asText();
    }

    @Test
    void outputGoesToTheFileAndNothingElseIsLeft() throws Exception {
        Path target = out.resolve("copy.bin");

        CliResult result = cli.run("get", "-o", target.toString(), location);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(target).hasBinaryContent(content);
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    /** An object of several transfer steps (16 MiB each) is forced to the device early, step by step, and arrives whole. */
    @Test
    void anObjectOfSeveralTransferStepsArrivesWhole() throws Exception {
        Payload large = Payload.of(40 * 1024 * 1024 + 5, 12);
        CliResult added = cli.run(large.open(), "add", "--id", "large", "-");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        Path target = out.resolve("large.bin");

        CliResult result = cli.run("get", "-o", target.toString(), added.json().get("location").asText());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.size(target)).isEqualTo(large.size());
        assertThat(Digests.sha256(target)).isEqualTo(large.sha256());
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    /** Any name the directory can hold can be the output: the temp file's name keeps at most 200 bytes of it. */
    @Test
    void anOutputWithTheLongestNameTheDirectoryHoldsIsWritten() throws Exception {
        Path target = out.resolve("o".repeat(255));

        CliResult result = cli.run("get", "-o", target.toString(), location);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(target).hasBinaryContent(content);
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    @Test
    void anExistingFileIsReplacedWhole() throws Exception {
        Path target = Files.writeString(out.resolve("copy.bin"), "old content that is longer than nothing");

        CliResult result = cli.run("get", "--offset", "10", "--length", "5", "-o", target.toString(), location);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(target).hasBinaryContent(Arrays.copyOfRange(content, 10, 15));
    }

    @Test
    void aMatchingVerifyPasses() throws Exception {
        Path target = out.resolve("copy.bin");

        CliResult result = cli.run("get", "--verify", "sha256:" + Digests.sha256(content).toUpperCase(), "-o",
                target.toString(), location);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(target).hasBinaryContent(content);
    }

    @Test
    void verifyChecksTheBytesOfTheRange() throws Exception {
        byte[] range = Arrays.copyOfRange(content, 100, 300);

        CliResult ofRange = cli.run("get", "--offset", "100", "--length", "200", "--verify", "sha256:" + Digests.sha256(range),
                location);
        CliResult ofWhole = cli.run("get", "--offset", "100", "--length", "200", "--verify", "sha256:" + Digests.sha256(content),
                location);

        assertThat(ofRange.exitCode()).as(ofRange.toString()).isZero();
        assertThat(ofRange.stdout()).isEqualTo(range);
        assertThat(ofWhole.exitCode()).as(ofWhole.toString()).isEqualTo(8);
    }

    @Test
    void aMismatchLeavesNoFileAndNoTempFile() throws Exception {
        Path target = out.resolve("copy.bin");
        String wrong = "sha256:" + Digests.sha256("other".getBytes());

        CliResult result = cli.run("get", "--verify", wrong, "-o", target.toString(), location);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(8);
        assertThat(result.stderr()).startsWith("stowage: Checksum mismatch for " + location + ": expected " + wrong);
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(AddGetStatDeleteTest.listing(out)).isEmpty();
    }

    @Test
    void aMismatchLeavesAnExistingFileAsItWas() throws Exception {
        Path target = Files.writeString(out.resolve("copy.bin"), "precious");

        CliResult result = cli.run("get", "--verify", "md5:" + Digests.hex("MD5", "x".getBytes()), "-o", target.toString(),
                location);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(8);
        assertThat(target).hasContent("precious");
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    @Test
    void aMissingObjectLeavesNoFile() throws Exception {
        Path target = out.resolve("copy.bin");
        assertThat(cli.run("delete", location).exitCode()).isZero();

        CliResult result = cli.run("get", "-o", target.toString(), location);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(AddGetStatDeleteTest.listing(out)).isEmpty();
    }

    @Test
    void aMismatchOnStdoutExitsEight() {
        CliResult result = cli.run("get", "--verify", "sha256:" + Digests.sha256(new byte[0]), location);

        assertThat(result.exitCode()).as("the bytes already written cannot be taken back; the status tells: " + result)
                .isEqualTo(8);
    }

    @Test
    void aClosedStdoutStopsTheRead() {
        java.io.OutputStream closed = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int code = StowageCli.run(new String[] {"-c", temp.resolve("stowage.yaml").toString(), "get", location},
                java.io.InputStream.nullInputStream(), new java.io.PrintStream(closed), new java.io.PrintStream(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("stowage: stdout was closed before all data was written\n");
    }
}
