package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubcommandsTest {
    @TempDir
    Path temp;

    @Test
    void aCommandAfterTheRootOptionsIsTheOnlyOneRegistered() {
        assertThat(Subcommands.selectedBy(new String[] {"add", "file"})).containsExactly(AddCommand.class);
        assertThat(Subcommands.selectedBy(new String[] {"-q", "--debug", "-c", "c.yaml", "get", "-o", "f", "loc"}))
                .containsExactly(GetCommand.class);
        assertThat(Subcommands.selectedBy(new String[] {"--quiet", "--config", "c.yaml", "stores"}))
                .containsExactly(StoresCommand.class);
        assertThat(Subcommands.selectedBy(new String[] {"--config=c.yaml", "image", "list"}))
                .containsExactly(ImageCommand.class);
    }

    @Test
    void theValueOfTheConfigOptionIsNotTakenForTheCommand() {
        assertThat(Subcommands.selectedBy(new String[] {"-c", "add", "stat", "loc"})).containsExactly(StatCommand.class);
        assertThat(Subcommands.selectedBy(new String[] {"--config", "stores", "delete", "loc"}))
                .containsExactly(DeleteCommand.class);
    }

    @Test
    void everyCommandIsRegisteredWhenTheCommandLineDoesNotPlainlyNameOne() {
        List<Class<?>> all = List.of(AddCommand.class, GetCommand.class, StatCommand.class, DeleteCommand.class,
                DownloadCommand.class, StoresCommand.class, ProvidersCommand.class, ServeCommand.class, ImageCommand.class);
        assertThat(Subcommands.ALL).containsExactlyElementsOf(all);
        assertThat(Subcommands.selectedBy(new String[0])).isEqualTo(all);
        assertThat(Subcommands.selectedBy(new String[] {"--help"})).isEqualTo(all);
        assertThat(Subcommands.selectedBy(new String[] {"-q", "-V"})).isEqualTo(all);
        assertThat(Subcommands.selectedBy(new String[] {"-c", "c.yaml"})).isEqualTo(all);
        assertThat(Subcommands.selectedBy(new String[] {"-qc", "c.yaml", "stores"})).isEqualTo(all);
        assertThat(Subcommands.selectedBy(new String[] {"--", "stores"})).isEqualTo(all);
        assertThat(Subcommands.selectedBy(new String[] {"-c", "c.yaml", "sotres"})).isEqualTo(all);
    }

    @Test
    void clusteredRootOptionsStillRunTheCommand() throws Exception {
        Path config = TestConfigs.write(temp, "c.yaml",
                "stores:\n  local: { type: file, dirs: [" + TestConfigs.quote(temp.resolve("data")) + "] }\n");

        CliResult result = Cli.runRaw(InputStream.nullInputStream(), "-qc", config.toString(), "stores");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get(0).get("name").asText()).isEqualTo("local");
    }

    @Test
    void helpListsEveryCommand() {
        CliResult result = Cli.runRaw(InputStream.nullInputStream(), "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutText()).containsSubsequence("Commands:", "\n  add ", "\n  get ", "\n  stat ",
                "\n  delete ", "\n  download ", "\n  stores ", "\n  providers ", "\n  serve ", "\n  image ");
        assertThat(result.stdoutText()).contains("\nStores, reads and removes objects in the configured storage backends.\n")
                .contains("\n  add        Stores FILE (or stdin with -) and prints the stored object as JSON.\n");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliResult result = Cli.runRaw(InputStream.nullInputStream(), "sotres");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.stderr()).isEqualTo("stowage: Unmatched argument at index 0: 'sotres' (see 'stowage --help')\n");
    }
}
