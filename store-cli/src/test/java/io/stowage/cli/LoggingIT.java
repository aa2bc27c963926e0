package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.tck.source.Payload;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log messages reach stderr as short lines: warnings by default, nothing with -q. The case is
 * a direct download whose candidate fails, which the downloader reports as a warning before
 * it falls back to the store.
 */
class LoggingIT {
    @TempDir
    Path temp;

    private Path root;
    private Path config;
    private String location;

    @BeforeEach
    void setUp() throws Exception {
        root = temp.toRealPath();
        config = TestConfigs.write(root, "stowage.yaml", "stores:\n"
                + "  local: { type: file, dirs: [" + TestConfigs.quote(root.resolve("data")) + "],"
                + " filesystems: [ { id: nfs, mountpoint: " + TestConfigs.quote(root) + " } ] }\n"
                + "direct-download:\n"
                + "  allowed-schemes: [file]\n"
                + "  handlers:\n"
                + "    file: { filesystems: [ { id: nfs, mountpoint: " + TestConfigs.quote(root.resolve("absent")) + " } ] }\n");
        CliResult added = new Cli(config).run(Payload.of(1000, 1).bytes(), "add", "--id", "obj", "-");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        location = "{\"url\": \"" + added.json().get("location").asText() + "\", \"metadata\": "
                + added.json().get("metadata") + "}";
    }

    @Test
    void aFailedCandidateIsOneWarningLine() {
        CliResult result = download();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("source").asText()).isEqualTo("fallback");
        assertThat(result.stderr()).startsWith("WARN DirectDownloader - Direct download from file://" + root.resolve("data/obj")
                + " failed, trying the next source: ").hasLineCount(1);
    }

    @Test
    void quietSilencesWarnings() {
        CliResult result = download("-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void debugKeepsTheWarning() {
        CliResult result = download("--debug");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("WARN DirectDownloader - Direct download from file://");
    }

    private CliResult download(String... options) {
        String[] args = new String[options.length + 6];
        System.arraycopy(options, 0, args, 0, options.length);
        System.arraycopy(new String[] {"-c", config.toString(), "download", "-o", root.resolve("out").toString(), location},
                0, args, options.length, 6);
        return new ForkedCli(root, Map.of()).run(args);
    }
}
