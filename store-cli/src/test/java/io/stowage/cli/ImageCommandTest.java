package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.ImageService;
import io.stowage.tck.source.Payload;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stowage image ...} against a real image service (started in this JVM, with a token and a
 * 1 MiB size cap): every command's JSON, the API servers from the config or {@code --api}, direct
 * download through the config's {@code file} handler, and the exit codes 3, 4, 5, 7, 8 and 9.
 */
class ImageCommandTest {
    private static final String TOKEN = "image-cli-token-0123456789";
    private static final byte[] DATA = Payload.of(300_000, 31).bytes();

    @TempDir
    static Path temp;

    private static ImageService service;
    private static String api;
    private static Path serviceData;
    private static Cli cli;

    @BeforeAll
    static void startService() throws Exception {
        Path root = temp.toRealPath();
        serviceData = Files.createDirectories(root.resolve("shared/images"));
        service = ImageService.start(StowageConfig.parse("""
                stores:
                  local: { type: file, dirs: [%s], filesystems: [ { id: shared, mountpoint: %s } ] }
                images:
                  listen: "127.0.0.1:0"
                  registry: "jdbc:sqlite:%s"
                  auth: { tokens: [ { token: "%s", project: p1, roles: [admin] } ] }
                  size-cap: 1MiB
                  show-multiple-locations: true
                """.formatted(TestConfigs.quote(serviceData), TestConfigs.quote(serviceData.getParent()),
                root.resolve("images.db"), TOKEN), name -> null));
        api = "http://127.0.0.1:" + service.port();
        Files.createSymbolicLink(root.resolve("mnt"), serviceData.getParent());
        cli = new Cli(TestConfigs.write(root, "client.yaml", "stores:\n"
                + "  scratch: { type: file, dirs: [" + TestConfigs.quote(root.resolve("scratch")) + "] }\n"
                + "direct-download:\n"
                + "  allowed-schemes: [file]\n"
                + "  handlers:\n"
                + "    file: { filesystems: [ { id: shared, mountpoint: " + TestConfigs.quote(root.resolve("mnt")) + " } ] }\n"
                + "images:\n"
                + "  api-servers: [\"" + api + "\"]\n"));
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    private static CliResult image(String... args) {
        List<String> all = new ArrayList<>(List.of("image", "--token", TOKEN));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private static String createWithData(String name) throws Exception {
        Path file = Files.write(temp.resolve(name + ".raw"), DATA);
        CliResult created = image("create", "--name", name, "--disk-format", "raw", "--container-format", "bare",
                "--property", "os_distro=cirros", file.toString());
        assertThat(created.exitCode()).as(created.toString()).isZero();
        return created.json().get("id").asText();
    }

    @Test
    void createShowListStoresDownloadDelete() throws Exception {
        String id = createWithData("round-trip");
        CliResult shown = image("show", id);
        CliResult listed = image("list", "--limit", "50");
        CliResult stores = image("stores");
        Path target = temp.resolve("round-trip.out");
        CliResult downloaded = image("download", "--allowed-schemes=", "-o", target.toString(), id);
        CliResult deleted = image("delete", id);
        CliResult gone = image("show", id);

        JsonNode document = shown.json();
        assertThat(document.get("status").asText()).isEqualTo("active");
        assertThat(document.get("name").asText()).isEqualTo("round-trip");
        assertThat(document.get("os_distro").asText()).isEqualTo("cirros");
        assertThat(document.get("size").asLong()).isEqualTo(DATA.length);
        assertThat(document.get("checksum").asText()).isEqualTo(Digests.hex("MD5", DATA));
        assertThat(listed.json().isArray()).isTrue();
        assertThat(listed.json().findValuesAsText("id")).contains(id);
        assertThat(stores.json()).isEqualTo(Json.mapper().readTree(
                "[{\"id\": \"local\", \"default\": true, \"read-only\": false, \"description\": \"file store\"}]"));
        assertThat(downloaded.exitCode()).as(downloaded.toString()).isZero();
        assertThat(downloaded.json()).isEqualTo(Json.mapper().readTree("{\"id\": \"" + id + "\", \"source\": \"api\", \"size\": "
                + DATA.length + ", \"checksums\": {\"sha256\": \"" + Digests.sha256(DATA) + "\"}}"));
        assertThat(target).hasBinaryContent(DATA);
        assertThat(deleted.json()).isEqualTo(Json.mapper().readTree("{\"id\": \"" + id + "\", \"status\": \"deleted\"}"));
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.stderr()).isEqualTo("stowage: Cannot show image " + id + ": " + api + " answered 404 Not Found: No"
                + " image found with ID " + id + "\n");
    }

    @Test
    void anAllowedFileLocationIsReadStraightFromTheMountpoint() throws Exception {
        String id = createWithData("direct");
        Path target = temp.resolve("direct.out");

        CliResult downloaded = image("download", "-o", target.toString(), id);

        assertThat(downloaded.exitCode()).as(downloaded.toString()).isZero();
        assertThat(downloaded.json().get("source").asText()).startsWith(serviceData.toUri().toString()).contains(id);
        assertThat(target).hasBinaryContent(DATA);
    }

    @Test
    void uploadFromStdinToAQueuedImageAndAConflictOnTheSecond() throws Exception {
        CliResult created = image("create", "--name", "stdin");
        String id = created.json().get("id").asText();

        CliResult uploaded = cli.run(DATA, "image", "--token", TOKEN, "upload", id, "-");
        CliResult again = cli.run(DATA, "image", "--token", TOKEN, "upload", id, "-");

        assertThat(created.json().get("status").asText()).isEqualTo("queued");
        assertThat(uploaded.exitCode()).as(uploaded.toString()).isZero();
        assertThat(uploaded.json().get("status").asText()).isEqualTo("active");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.stderr()).contains("answered 409 Conflict");
    }

    @Test
    void overTheSizeCapExitsFiveAndLeavesNoImage() throws Exception {
        Path large = Files.write(temp.resolve("large.raw"), Payload.of(2 * 1024 * 1024, 32).bytes());

        CliResult result = image("create", "--name", "too-large", large.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.stdout()).isEmpty();
        assertThat(image("list").json().findValuesAsText("name")).doesNotContain("too-large");
    }

    @Test
    void refusedRequestsExitSeven() {
        CliResult withoutToken = cli.run("image", "show", UUID.randomUUID().toString());
        CliResult badId = image("show", "../../v2/info");

        assertThat(withoutToken.exitCode()).as(withoutToken.toString()).isEqualTo(7);
        assertThat(withoutToken.stderr()).contains("answered 401");
        assertThat(badId.exitCode()).as(badId.toString()).isEqualTo(7);
        assertThat(badId.stderr()).isEqualTo("stowage: Invalid image id \"../../v2/info\": 1 to 255 characters of letters,"
                + " digits and . _ ~ -\n");
    }

    @Test
    void dataThatFailsItsHashExitsEightAndWritesNoFile() throws Exception {
        String id = createWithData("rotten");
        JsonNode location = image("show", id).json().get("locations").get(0);
        byte[] rotten = DATA.clone();
        rotten[100] ^= 1;
        Files.write(Path.of(URI.create(location.get("url").asText())), rotten);
        Path target = temp.resolve("rotten.out");

        CliResult result = image("download", "-o", target.toString(), id);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(8);
        assertThat(result.stderr()).startsWith("stowage: Checksum mismatch for the fallback read: expected sha256:");
        assertThat(Files.exists(target)).isFalse();
        try (var files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".rotten.out"));
        }
    }

    @Test
    void noReachableServerExitsNineAfterTheRetries() throws Exception {
        String down;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = "http://127.0.0.1:" + socket.getLocalPort();
        }

        CliResult result = cli.run("image", "--api", down, "--retries", "2", "stores");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(9);
        assertThat(result.stderr()).startsWith("stowage: Cannot list the stores: no image API server answered in 3 attempt(s): "
                + down + ": ");
    }

    @Test
    void apiOverridesTheConfiguredServersAndTheTokenIsNeverShown() {
        CliResult result = cli.run("image", "--api", api + "/nowhere", "--token", TOKEN, "show", UUID.randomUUID().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains(api + "/nowhere").doesNotContain(TOKEN);
    }
}
