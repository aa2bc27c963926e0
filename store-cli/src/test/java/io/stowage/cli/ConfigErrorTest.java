package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration problems exit 2 with one line naming the store and the key. */
class ConfigErrorTest {
    @TempDir
    Path temp;

    @Test
    void anUnknownStoreTypeListsTheTypesFound() {
        Path config = TestConfigs.write(temp, "c.yaml", "stores:\n  s1: { type: nosuch }\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(ClasspathProviders.storeTypes()).contains("file", "memory");
        assertThat(result.stderr()).isEqualTo("stowage: Invalid configuration of store 's1': unknown type 'nosuch'"
                + " (available types: " + String.join(", ", ClasspathProviders.storeTypes()) + ")\n");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void anUnknownKeyOfAStoreIsNamed() {
        Path config = TestConfigs.write(temp, "c.yaml", "stores:\n  s1: { type: memory, bogus: 1 }\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Invalid configuration of store 's1': unknown key 'bogus'");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void anUnknownKeyOfAFileStoreIsNamed() {
        Path config = TestConfigs.write(temp, "c.yaml", "stores:\n  local: { type: file, dirs: ["
                + TestConfigs.quote(temp.resolve("data")) + "], colour: blue }\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Invalid configuration of store 'local': unknown key 'colour'");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void anUnknownTopLevelKeyIsNamed() {
        Path config = TestConfigs.write(temp, "c.yaml", "stores:\n  s1: { type: memory }\nstorez: {}\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Invalid configuration").contains("unknown key 'storez'");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        CliResult result = new Cli(temp.resolve("missing.yaml")).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Cannot read config file " + temp.resolve("missing.yaml"));
    }

    @Test
    void malformedYamlNamesTheLine() {
        Path config = TestConfigs.write(temp, "c.yaml", "stores:\n  s1: { type: memory\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Invalid configuration at line ");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() {
        Path config = TestConfigs.write(temp, "c.yaml",
                "stores:\n  s1: { type: memory, namespace: \"${STOWAGE_TEST_SURELY_UNSET_VARIABLE}\" }\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("stowage: Invalid configuration at stores.s1.namespace: environment variable"
                + " STOWAGE_TEST_SURELY_UNSET_VARIABLE is not set\n");
    }

    @Test
    void anUnknownStoreNameForAddIsNamed() {
        CliResult result = new Cli(TestConfigs.memoryStore(temp, "READ, WRITE")).run("ok".getBytes(), "add", "--store", "other", "-");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("stowage: No store named 'other' is configured (stores: mem)\n");
    }
}
