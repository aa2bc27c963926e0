package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad command lines exit 2 with one line on stderr naming the problem, and touch no store. */
class UsageErrorTest {
    @TempDir
    Path temp;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(TestConfigs.memoryStore(temp, "READ, WRITE, DELETE, RANGE_READ"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no command                 ||Missing command",
            "unknown command            |bogus|Unmatched argument at index 2: 'bogus'",
            "unknown option             |stores --bogus|Unknown option: '--bogus'",
            "add without FILE           |add|Missing required parameter: 'FILE|-'",
            "add of a missing file      |add /nonexistent/stowage-test-file|Cannot read /nonexistent/stowage-test-file: no such file",
            "add of a directory         |add /|Cannot read /: it is a directory",
            "negative size              |add --size -1 -|--size must not be negative: -1",
            "size not a number          |add --size ten -|Invalid value for option '--size': 'ten' is not a long",
            "unknown checksum           |add --checksum crc32 -|Unknown checksum algorithm \"crc32\" (known: md5, sha256, sha512)",
            "get without LOCATION       |get|Missing required parameter: 'LOCATION'",
            "negative offset            |get --offset -1 memory://mem/a|--offset must not be negative: -1",
            "negative length            |get --length -5 memory://mem/a|--length must not be negative: -5",
            "bad verify                 |get --verify sha256:abc memory://mem/a|--verify: Invalid checksum \"sha256:abc\": not a sha256 digest (expected 64 hex digits)",
            "verify without algorithm   |get --verify abc memory://mem/a|--verify: Invalid checksum \"abc\": expected ALGORITHM:HEX",
            "output in missing dir      |get -o /nonexistent/dir/out memory://mem/a|directory /nonexistent/dir does not exist",
            "download without output    |download memory://mem/a|Missing required option: '--output=FILE'",
            "download without location  |download -o out|Missing required parameter: 'LOCATION'",
            "option given twice         |get --offset 1 --offset 2 memory://mem/a|option '--offset' (N) should be specified only once"})
    void exitsTwoWithOneLine(String name, String args, String expected) {
        String[] split = args == null ? new String[0] : args.trim().split(" ");
        CliResult result = cli.run(split);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("stowage: ").contains(expected).endsWith("\n");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void invalidAllowedSchemesAreAUsageError() {
        CliResult result = cli.run("download", "--allowed-schemes", "fi le", "-o", temp.resolve("out").toString(), "memory://mem/a");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Invalid --allowed-schemes: allowed-schemes holds an invalid scheme");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        CliResult result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).startsWith("Usage: stowage [-hqV] [--debug] [-c=FILE] [COMMAND]")
                .contains("add", "get", "stat", "delete", "download", "stores", "providers", "Exit codes:");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void subcommandHelpNamesItsOptions() {
        CliResult result = cli.run("add", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).contains("--store=NAME", "--id=ID", "--size=N", "--checksum=ALG", "FILE|-");
    }

    @Test
    void versionNamesTheBuild() {
        CliResult result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).matches("stowage \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void anAtSignIsNotAnArgumentFile() throws Exception {
        Path arguments = Files.writeString(temp.resolve("args"), "--help\n");

        CliResult result = cli.run(new ByteArrayInputStream(new byte[0]), "get", "@" + arguments);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.stdout()).isEmpty();
    }
}
