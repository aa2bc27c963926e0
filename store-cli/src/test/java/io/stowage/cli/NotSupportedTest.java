package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store without the capability an operation needs: exit 6, whatever the arguments. */
class NotSupportedTest {
    @TempDir
    Path temp;

    @Test
    void addToAReadOnlyStoreExitsSix() {
        CliResult result = new Cli(TestConfigs.memoryStore(temp, "READ")).run("data".getBytes(), "add", "--id", "a", "-");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("stowage: ").contains("'mem'");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void deleteOnAStoreWithoutDeleteExitsSix() {
        CliResult result = new Cli(TestConfigs.memoryStore(temp, "READ, WRITE")).run("delete", "memory://mem/a");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
    }

    @Test
    void aRangeOnAStoreWithoutRangeReadExitsSix() {
        CliResult result = new Cli(TestConfigs.memoryStore(temp, "READ")).run("get", "--offset", "1", "memory://mem/a");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void theWholeObjectNeedsNoRangeRead() {
        CliResult result = new Cli(TestConfigs.memoryStore(temp, "READ")).run("get", "memory://mem/a");

        assertThat(result.exitCode()).as("a plain get reaches the store, which has no such object: " + result).isEqualTo(3);
    }
}
