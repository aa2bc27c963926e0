package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.tck.source.Payload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script running the packaged jar, as a user runs it. */
class LauncherIT {
    @TempDir
    Path temp;

    @Test
    void addOnTheEmbeddedDefaultStoresUnderStowageDataAndMatchesSha256sum() throws Exception {
        Path file = temp.resolve("image.bin");
        Files.write(file, Payload.of(300_000, 7).bytes());
        ForkedCli cli = new ForkedCli(temp, Map.of());

        CliResult added = cli.run("add", "image.bin");

        assertThat(added.exitCode()).as(added.toString()).isZero();
        JsonNode json = added.json();
        assertThat(json.get("checksums").get("sha256").asText()).isEqualTo(sha256sum(file));
        assertThat(json.get("store").asText()).isEqualTo("local");
        assertThat(json.get("size").asLong()).isEqualTo(300_000);
        String id = json.get("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(temp.resolve("stowage-data").resolve(id)).hasSameBinaryContentAs(file);

        CliResult read = cli.run("get", json.get("location").asText());
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.stdout()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void storesOnTheEmbeddedDefaultIsOneFileStoreNamedLocal() {
        CliResult result = new ForkedCli(temp, Map.of()).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutText()).isEqualTo("[{\"name\":\"local\",\"type\":\"file\",\"schemes\":[\"file\"],"
                + "\"capabilities\":[\"READ\",\"WRITE\",\"DELETE\",\"RANGE_READ\"],\"default\":true}]\n");
    }

    @Test
    void javaOptsReachTheJvm() {
        CliResult result = new ForkedCli(temp, Map.of("JAVA_OPTS", "-Xmx64m -XX:+PrintCommandLineFlags")).run("providers");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutText()).contains("-XX:MaxHeapSize=67108864");
    }

    private static final String DIGESTS_COMPILED_EARLY =
            "-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01";

    /**
     * A get the kernel copies (file location, no --verify) starts with C1 alone; transfers that hash
     * keep C2, which compiles the JDK's digests early.
     */
    @Test
    void onlyAGetTheKernelCopiesStartsWithoutTheFullJitAndHashingOnesCompileTheDigestsEarly() throws Exception {
        Path file = temp.resolve("small.bin");
        Files.write(file, Payload.of(70_000, 3).bytes());
        CliResult stored = new ForkedCli(temp, Map.of()).run("add", "small.bin");
        assertThat(stored.exitCode()).as(stored.toString()).isZero();
        String location = stored.json().get("location").asText();
        ForkedCli flags = new ForkedCli(temp, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"));

        CliResult kernelCopy = flags.run("get", "-o", "copy.bin", location);
        CliResult upperCase = flags.run("get", "-o", "upper.bin", "FILE" + location.substring("file".length()));
        CliResult verified = flags.run("get", "--verify", "sha256:" + sha256sum(file), "-o", "verified.bin", location);
        CliResult added = flags.run("add", "small.bin");

        assertThat(List.of(kernelCopy, upperCase, verified, added)).allSatisfy(result ->
                assertThat(result.exitCode()).as(result.toString()).isZero());
        assertThat(kernelCopy.stdoutText()).contains("-XX:TieredStopAtLevel=1");
        assertThat(upperCase.stdoutText()).contains("-XX:TieredStopAtLevel=1");
        assertThat(verified.stdoutText()).doesNotContain("TieredStopAtLevel").contains(DIGESTS_COMPILED_EARLY);
        assertThat(added.stdoutText()).doesNotContain("TieredStopAtLevel").contains(DIGESTS_COMPILED_EARLY);
        assertThat(kernelCopy.stdoutText()).doesNotContain(DIGESTS_COMPILED_EARLY);
        assertThat(added.stdoutText().lines().skip(1)).as("nothing but the JSON after the flags")
                .singleElement().satisfies(line -> assertThat(line).startsWith("{\"id\":"));
        assertThat(temp.resolve("copy.bin")).hasSameBinaryContentAs(file);
        assertThat(temp.resolve("upper.bin")).hasSameBinaryContentAs(file);
        assertThat(temp.resolve("verified.bin")).hasSameBinaryContentAs(file);
    }

    @Test
    void aMissingJarIsExplainedWithTheBuildCommand() throws Exception {
        Path checkout = Files.createDirectories(temp.resolve("checkout"));
        Path launcher = Files.copy(ForkedCli.launcher(), checkout.resolve("stowage"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliResult result = new ForkedCli(temp, Map.of()).start(List.of(launcher.toString(), "stores")).finish();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("stowage: " + checkout.toRealPath().resolve("store-cli/target/stowage.jar")
                + " is missing; build it first with:\n  (cd '" + checkout.toRealPath() + "' && ./mvnw -B -q install -DskipTests)\n");
    }

    @Test
    void theClassDataSharingArchiveOfTheBuildIsUsed() throws Exception {
        Path archive = ForkedCli.launcher().resolveSibling("store-cli/target/stowage.jsa");
        assertThat(archive).as("made by the package phase").isRegularFile();
        Path log = temp.resolve("class-load.log");

        CliResult result = new ForkedCli(temp, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log)).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllLines(log)).anySatisfy(line ->
                assertThat(line).endsWith(" io.stowage.cli.StowageCli source: shared objects file (top)"));
    }

    @Test
    void anArchiveThatDoesNotMatchTheJarIsIgnoredSilently() throws Exception {
        Path checkout = Files.createDirectories(temp.resolve("checkout/store-cli/target")).getParent().getParent();
        Path launcher = Files.copy(ForkedCli.launcher(), checkout.resolve("stowage"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path built = ForkedCli.launcher().resolveSibling("store-cli/target");
        // A copy gets a new modification time, so the archive no longer matches it.
        Files.copy(built.resolve("stowage.jar"), checkout.resolve("store-cli/target/stowage.jar"));
        Files.copy(built.resolve("stowage.jsa"), checkout.resolve("store-cli/target/stowage.jsa"));

        CliResult result = new ForkedCli(temp, Map.of()).start(List.of(launcher.toString(), "providers")).finish();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdoutText()).startsWith("{\"stores\":[").hasLineCount(1);
    }

    static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.substring(0, 64);
    }
}
