package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download} with the {@code file} handler. The store's data dir lies on a "shared
 * filesystem" mounted at {@code remote}; this host sees it at {@code mount}. The copy under
 * {@code mount} holds other bytes than the store, so every test can tell which path served it.
 */
class DownloadTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private Path mount;
    private Path out;
    private Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        Path root = temp.toRealPath();
        Path remote = root.resolve("remote");
        mount = Files.createDirectories(root.resolve("mount/images"));
        out = Files.createDirectories(root.resolve("out"));
        cli = new Cli(TestConfigs.write(root, "stowage.yaml", "stores:\n"
                + "  local:\n"
                + "    type: file\n"
                + "    dirs: [" + TestConfigs.quote(remote.resolve("images")) + "]\n"
                + "    filesystems: [ { id: shared-nfs, mountpoint: " + TestConfigs.quote(remote) + " } ]\n"
                + "direct-download:\n"
                + "  allowed-schemes: [file]\n"
                + "  handlers:\n"
                + "    file: { filesystems: [ { id: shared-nfs, mountpoint: " + TestConfigs.quote(root.resolve("mount")) + " } ] }\n"));
    }

    @Test
    void anAllowedSchemeIsServedFromTheMappedMountpoint() throws Exception {
        Stored stored = add("img", 50_000, 1);
        byte[] mounted = mountCopy("img", 40_000, 2);
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "-o", target.toString(), stored.location());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json()).isEqualTo(MAPPER.readTree("{\"source\": \"" + stored.url() + "\", \"size\": 40000,"
                + " \"checksums\": {\"sha256\": \"" + Digests.sha256(mounted) + "\"}}"));
        assertThat(target).hasBinaryContent(mounted);
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    @Test
    void aSchemeThatIsNotAllowedNeverReachesTheHandler() throws Exception {
        Stored stored = add("img", 50_000, 1);
        mountCopy("img", 40_000, 2);
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "--allowed-schemes=", "-o", target.toString(), stored.location());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("source").asText()).isEqualTo("fallback");
        assertThat(result.json().get("size").asLong()).isEqualTo(50_000);
        assertThat(result.json().get("checksums").get("sha256").asText()).isEqualTo(Digests.sha256(stored.content()));
        assertThat(target).hasBinaryContent(stored.content());
    }

    @Test
    void anAllowedSchemeWithoutAHandlerIsAConfigError() throws Exception {
        Stored stored = add("img", 1000, 1);
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "--allowed-schemes", "file,gopher", "-o", target.toString(), stored.location());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: Invalid configuration of direct-download: allowed scheme 'gopher'"
                + " has no download handler");
        assertThat(AddGetStatDeleteTest.listing(out)).isEmpty();
    }

    @Test
    void theNextCandidateIsTriedWhenOneFails() throws Exception {
        Stored missing = add("first", 1000, 3);
        Stored present = add("second", 2000, 4);
        byte[] mounted = mountCopy("second", 3000, 5);
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "-o", target.toString(), missing.location(), present.location());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("source").asText()).isEqualTo(present.url());
        assertThat(target).hasBinaryContent(mounted);
    }

    @Test
    void theStoreServesWhenEveryCandidateFails() throws Exception {
        Stored first = add("first", 1000, 3);
        Stored second = add("second", 2000, 4);
        ObjectNode unknownFilesystem = (ObjectNode) MAPPER.readTree(second.location());
        ((ObjectNode) unknownFilesystem.get("metadata")).put("id", "elsewhere");
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "-o", target.toString(), first.location(), unknownFilesystem.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("source").asText()).isEqualTo("fallback");
        assertThat(target).hasBinaryContent(first.content());
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    @Test
    void theFallbackReadsTheFirstCandidateTheStoresCanOpen() throws Exception {
        Stored gone = add("gone", 1000, 6);
        assertThat(cli.run("delete", gone.url()).exitCode()).isZero();
        Stored copy = add("copy", 2000, 8);
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "--allowed-schemes=", "-o", target.toString(), gone.location(),
                copy.location());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("source").asText()).isEqualTo("fallback");
        assertThat(target).hasBinaryContent(copy.content());
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    @Test
    void whenTheFallbackFailsTooNoTargetAppears() throws Exception {
        Stored gone = add("gone", 1000, 6);
        assertThat(cli.run("delete", gone.url()).exitCode()).isZero();
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "-o", target.toString(), gone.location());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(AddGetStatDeleteTest.listing(out)).isEmpty();
    }

    @Test
    void whenEverythingFailsAnExistingTargetIsKept() throws Exception {
        Stored gone = add("gone", 1000, 6);
        assertThat(cli.run("delete", gone.url()).exitCode()).isZero();
        Path target = Files.writeString(out.resolve("img.raw"), "previous download");

        CliResult result = cli.run("download", "-o", target.toString(), gone.location());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(target).hasContent("previous download");
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    @Test
    void aHandlerCopyThatIsInterruptedByADirectoryLeavesNothingPartial() throws Exception {
        Stored stored = add("img", 5000, 7);
        Files.createDirectories(mount.resolve("img"));
        Path target = out.resolve("img.raw");

        CliResult result = cli.run("download", "-o", target.toString(), stored.location());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("source").asText()).isEqualTo("fallback");
        assertThat(target).hasBinaryContent(stored.content());
        assertThat(AddGetStatDeleteTest.listing(out)).containsExactly(target);
    }

    private record Stored(String url, String location, byte[] content) {}

    /** Adds an object and returns its location as JSON (url and metadata), the form Glance keeps. */
    private Stored add(String id, int size, long seed) {
        byte[] content = Payload.of(size, seed).bytes();
        CliResult result = cli.run(content, "add", "--id", id, "-");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("metadata").get("id").asText()).isEqualTo("shared-nfs");
        ObjectNode location = MAPPER.createObjectNode();
        location.put("url", json.get("location").asText());
        location.set("metadata", json.get("metadata"));
        return new Stored(json.get("location").asText(), location.toString(), content);
    }

    private byte[] mountCopy(String id, int size, long seed) throws IOException {
        byte[] content = Payload.of(size, seed).bytes();
        Files.write(mount.resolve(id), content);
        return content;
    }
}
