package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.tck.source.Payload;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar is drawn on stderr only when stderr is a terminal. The terminal is a
 * pseudo-terminal from util-linux {@code script}; the bar's delay is set to 0 so that a
 * short transfer shows it.
 */
class ProgressBarIT {
    private static final Map<String, String> NO_DELAY = Map.of("JAVA_OPTS", "-Dstowage.progress.delay-ms=0");

    @TempDir
    Path temp;

    private Path root;
    private Path config;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        root = temp.toRealPath();
        config = TestConfigs.fileStore(root, root.resolve("data"));
        file = root.resolve("in.bin");
        try (InputStream in = Payload.of(8 * 1024 * 1024, 1).open()) {
            Files.copy(in, file);
        }
    }

    @Test
    void aTerminalGetsABar() {
        CliResult result = inTerminal("add", "--id", "a", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutText()).contains("add 100%", "8/8MiB", "{\"id\":\"a\"");
    }

    @Test
    void quietMeansNoBar() {
        CliResult result = inTerminal("-q", "add", "--id", "a", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutText()).doesNotContain("%").contains("{\"id\":\"a\"");
    }

    @Test
    void aPipeGetsNoBar() {
        CliResult result = new ForkedCli(root, NO_DELAY).run("-c", config.toString(), "add", "--id", "a", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).isEmpty();
    }

    /** Runs the launcher with stdin, stdout and stderr on a pseudo-terminal; stdout holds all it printed. */
    private CliResult inTerminal(String... args) {
        StringBuilder command = new StringBuilder("exec ").append(quote(ForkedCli.launcher().toString()))
                .append(" -c ").append(quote(config.toString()));
        for (String arg : args) {
            command.append(' ').append(quote(arg));
        }
        ForkedCli.Started started = new ForkedCli(root, NO_DELAY)
                .start(List.of("script", "--quiet", "--return", "--command", command.toString(), "/dev/null"));
        started.closeStdin();
        return started.finish();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
