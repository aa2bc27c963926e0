package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.tck.source.Payload;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code stowage add} killed with SIGKILL mid-stream leaves nothing readable under its id;
 * the next run of the store removes its temp file, and the id can be added again.
 */
class KilledAddIT {
    private static final int SENT_BEFORE_KILL = 32 * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void aKilledAddLeavesNothingReadableAndTheNextRunCleansUp() throws Exception {
        Path root = temp.toRealPath();
        Path data = root.resolve("data");
        Path config = TestConfigs.fileStore(root, data);
        ForkedCli cli = new ForkedCli(root, Map.of());
        String location = "file://" + data.resolve("victim");

        ForkedCli.Started add = cli.start("-c", config.toString(), "add", "--id", "victim", "-");
        // Once the pipe has taken this much, the add has read nearly all of it: it is mid-stream.
        OutputStream stdin = add.stdin();
        try (InputStream part = Payload.of(SENT_BEFORE_KILL, 9).open()) {
            part.transferTo(stdin);
            stdin.flush();
        }
        assertThat(add.process().isAlive()).as("the add is still waiting for the rest of its data").isTrue();
        add.process().destroyForcibly();
        assertThat(add.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(add.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        stdin.close();
        add.finish();

        List<Path> leftovers = AddGetStatDeleteTest.listing(data);
        assertThat(leftovers).as("the killed add's temp file, and no object").singleElement()
                .satisfies(path -> assertThat(path.getFileName().toString()).startsWith(".victim~").endsWith(".stowage-tmp"));
        assertThat(Files.size(leftovers.get(0))).isPositive();

        CliResult get = cli.run("-c", config.toString(), "get", location);
        assertThat(get.exitCode()).as(get.toString()).isEqualTo(3);
        assertThat(get.stdout()).isEmpty();
        assertThat(AddGetStatDeleteTest.listing(data)).as("the leftover is gone once the store has run again").isEmpty();

        byte[] content = Payload.of(1000, 10).bytes();
        ForkedCli.Started again = cli.start("-c", config.toString(), "add", "--id", "victim", "-");
        ForkedCli.feed(again, new java.io.ByteArrayInputStream(content));
        CliResult added = again.finish();
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(data.resolve("victim")).hasBinaryContent(content);
    }
}
