package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors are one line, never hold a secret, and carry a stack trace only with --debug. */
class ErrorOutputTest {
    @TempDir
    Path temp;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(TestConfigs.memoryStore(temp, "READ, WRITE, DELETE, RANGE_READ"));
    }

    @Test
    void aNotFoundIsOneLineNamingTheLocation() {
        CliResult result = cli.run("stat", "memory://mem/missing");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).startsWith("stowage: ").contains("memory://mem/missing").endsWith("\n");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void debugAddsTheStackTrace() {
        CliResult result = cli.run("--debug", "stat", "memory://mem/missing");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).startsWith("stowage: "));
        assertThat(result.stderr()).contains("io.stowage.ObjectNotFoundException", "\tat ");
    }

    @Test
    void credentialsInALegacyLocationAreNeverPrinted() {
        CliResult result = cli.run("get", "s3://AKIAEXAMPLEKEY:wJalrXUtnFEMIsecretKEY@s3.example.com/bucket/key");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.stderr()).startsWith("stowage: No store serves scheme 's3'")
                .doesNotContain("AKIAEXAMPLEKEY").doesNotContain("wJalrXUtnFEMIsecretKEY");
    }

    @Test
    void credentialsInAJsonLocationAreNeverPrintedEvenWithDebug() {
        CliResult result = cli.run("--debug", "get",
                "{\"url\": \"s3://AKIAEXAMPLEKEY:wJalrXUtnFEMIsecretKEY@s3.example.com/bucket/key\", \"metadata\": {}}");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.stderr()).doesNotContain("AKIAEXAMPLEKEY").doesNotContain("wJalrXUtnFEMIsecretKEY");
    }

    @Test
    void secretQueryParametersAreMasked() {
        CliResult result = cli.run("stat", "memory://mem/missing?X-Amz-Signature=topsecretsignature");

        assertThat(result.stderr()).doesNotContain("topsecretsignature");
    }
}
