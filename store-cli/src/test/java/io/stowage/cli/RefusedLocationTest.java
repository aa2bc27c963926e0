package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Locations and ids that reach outside the data dir (the CVE-2014-9493 class) exit 7 and
 * touch nothing: not the file they point at, not the data dir.
 */
class RefusedLocationTest {
    @TempDir
    Path temp;

    private Path root;
    private Path data;
    private Path outside;
    private Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.toRealPath();
        data = root.resolve("data");
        cli = new Cli(TestConfigs.fileStore(root, data));
        CliResult added = cli.run(Payload.of(100, 1).bytes(), "add", "--id", "inside", "-");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        outside = Files.writeString(root.resolve("outside.txt"), "not the store's");
        Files.setLastModifiedTime(outside, FileTime.fromMillis(1_000_000_000_000L));
    }

    @Test
    void aSystemFileIsRefused() throws Exception {
        Path hostname = Path.of("/etc/hostname");
        Map<Path, String> before = snapshot(root);
        boolean existed = Files.exists(hostname);
        byte[] content = existed ? Files.readAllBytes(hostname) : null;

        for (String command : List.of("get", "stat", "delete")) {
            CliResult result = cli.run(command, "file:///etc/hostname");
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(7);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("stowage: Location file:///etc/hostname is refused: it is outside every"
                    + " configured file store (local)\n");
        }

        assertThat(Files.exists(hostname)).isEqualTo(existed);
        if (existed) {
            assertThat(hostname).hasBinaryContent(content);
        }
        assertThat(snapshot(root)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../outside.txt", "/%2E%2E/outside.txt", "/%2e%2e/outside.txt", "/./../outside.txt",
            "/inside/../../outside.txt"})
    void aDotDotPathIsRefused(String suffix) throws Exception {
        String location = "file://" + data + suffix;
        Map<Path, String> before = snapshot(root);

        for (String command : List.of("get", "stat", "delete")) {
            CliResult result = cli.run(command, location);
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(7);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).startsWith("stowage: ");
            assertThat(result.stderr().lines()).hasSize(1);
        }

        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    void aSymlinkOutOfTheDataDirIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(data.resolve("escape"), outside);
        Map<Path, String> before = snapshot(root);

        for (String command : List.of("get", "stat", "delete")) {
            CliResult result = cli.run(command, "file://" + link);
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(7);
            assertThat(result.stdout()).isEmpty();
        }

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(outside).hasContent("not the store's");
        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    void aSymlinkedDirectoryOutOfTheDataDirIsRefused() throws Exception {
        Path secrets = Files.createDirectories(root.resolve("secrets"));
        Files.writeString(secrets.resolve("key"), "secret");
        Files.createSymbolicLink(data.resolve("dir"), secrets);
        Map<Path, String> before = snapshot(root);

        for (String command : List.of("get", "stat", "delete")) {
            CliResult result = cli.run(command, "file://" + data.resolve("dir/key"));
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(7);
            assertThat(result.stdout()).isEmpty();
        }

        assertThat(snapshot(root)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", ".", "a/b", "/etc/passwd", "x\u0000y", "sp ace", ""})
    void anIdThatIsNotPlainIsRefusedBeforeAnythingIsWritten(String id) throws Exception {
        Map<Path, String> before = snapshot(root);

        CliResult result = cli.run("data".getBytes(), "add", "--id", id, "-");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("stowage: Invalid object id ");
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    void anIdRefusalHappensBeforeTheConfigIsEvenRead() {
        CliResult result = new Cli(root.resolve("absent.yaml")).run("data".getBytes(), "add", "--id", "../x", "-");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(root.resolve("x")).doesNotExist();
    }

    /** Every path under {@code directory} (links not followed) with its content, or what kind of thing it is. */
    private static Map<Path, String> snapshot(Path directory) throws IOException {
        Map<Path, String> snapshot = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                if (path.getFileName().toString().startsWith("stdout-") || path.getFileName().toString().startsWith("stderr-")) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    snapshot.put(path, "link to " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    snapshot.put(path, "dir");
                } else {
                    snapshot.put(path, Files.readString(path, java.nio.charset.StandardCharsets.ISO_8859_1)
                            + " @" + Files.getLastModifiedTime(path).toMillis());
                }
            }
        }
        return snapshot;
    }
}
