package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The round trip on a file store: add, get (whole and every range edge), stat, delete. */
class AddGetStatDeleteTest {
    private static final int SIZE = 1000;

    @TempDir
    Path temp;

    private Path data;
    private Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        data = temp.toRealPath().resolve("data");
        cli = new Cli(TestConfigs.fileStore(temp, data));
    }

    @Test
    void addPrintsTheStoredObjectWithTheSha256OfTheData() throws Exception {
        byte[] content = Payload.of(200_000, 1).bytes();
        Path file = Files.write(temp.resolve("in.bin"), content);

        CliResult result = cli.run("add", "--id", "obj-1", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdoutText()).hasLineCount(1);
        JsonNode json = result.json();
        assertThat(fieldNames(json)).containsExactly("id", "store", "location", "size", "checksums", "metadata");
        assertThat(json.get("id").asText()).isEqualTo("obj-1");
        assertThat(json.get("store").asText()).isEqualTo("local");
        assertThat(json.get("location").asText()).isEqualTo("file://" + data.resolve("obj-1"));
        assertThat(json.get("size").asLong()).isEqualTo(200_000);
        assertThat(fieldNames(json.get("checksums"))).containsExactly("sha256");
        assertThat(json.get("checksums").get("sha256").asText()).isEqualTo(Digests.sha256(content));
        assertThat(json.get("metadata").toString()).isEqualTo("{\"store\":\"local\"}");
        assertThat(data.resolve("obj-1")).hasBinaryContent(content);
    }

    @Test
    void addComputesMd5AndSha512OnRequest() throws Exception {
        byte[] content = Payload.of(70_001, 2).bytes();
        Path file = Files.write(temp.resolve("in.bin"), content);

        CliResult result = cli.run("add", "--checksum", "sha512", "--checksum", "MD5", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode checksums = result.json().get("checksums");
        assertThat(fieldNames(checksums)).containsExactly("md5", "sha256", "sha512");
        assertThat(checksums.get("md5").asText()).isEqualTo(Digests.hex("MD5", content));
        assertThat(checksums.get("sha256").asText()).isEqualTo(Digests.sha256(content));
        assertThat(checksums.get("sha512").asText()).isEqualTo(Digests.hex("SHA-512", content));
    }

    @Test
    void addFromStdinWithoutAnIdUsesARandomUuid() throws Exception {
        byte[] content = Payload.of(5000, 3).bytes();

        CliResult first = cli.run(content, "add", "-");
        CliResult second = cli.run(content, "add", "-");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        String id = first.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second.json().get("id").asText()).isNotEqualTo(id);
        assertThat(first.json().get("size").asLong()).isEqualTo(5000);
        assertThat(data.resolve(id)).hasBinaryContent(content);
    }

    @Test
    void anEmptyObjectRoundTrips() throws Exception {
        CliResult added = cli.run(new byte[0], "add", "--id", "empty", "-");

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.json().get("checksums").get("sha256").asText()).isEqualTo(Digests.sha256(new byte[0]));
        String location = added.json().get("location").asText();
        assertThat(cli.run("get", location).stdout()).isEmpty();
        assertThat(cli.run("get", "--offset", "0", "--length", "5", location).exitCode()).isZero();
        assertThat(cli.run("get", "--offset", "1", location).exitCode()).isEqualTo(2);
    }

    @Test
    void aDeclaredSizeThatDiffersFailsWithIntegrityAndStoresNothing() throws Exception {
        byte[] content = Payload.of(1000, 4).bytes();

        CliResult shorter = cli.run(content, "add", "--id", "declared", "--size", "1001", "-");
        CliResult longer = cli.run(content, "add", "--id", "declared", "--size", "999", "-");

        assertThat(shorter.exitCode()).as(shorter.toString()).isEqualTo(8);
        assertThat(longer.exitCode()).as(longer.toString()).isEqualTo(8);
        assertThat(shorter.stdout()).isEmpty();
        assertThat(listing(data)).isEmpty();
        assertThat(cli.run(content, "add", "--id", "declared", "--size", "1000", "-").exitCode()).isZero();
    }

    @Test
    void getReturnsTheBytesThatWereAdded() throws Exception {
        byte[] content = Payload.of(3 * 1024 * 1024 + 17, 5).bytes();
        String location = add("big", content);

        CliResult result = cli.run("get", location);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo(content);
        assertThat(result.stderr()).isEmpty();
    }

    static Stream<Arguments> ranges() {
        // offset, length (-1: not given), expected start, expected end (exclusive)
        return Stream.of(
                Arguments.of(-1, -1, 0, SIZE),
                Arguments.of(0, -1, 0, SIZE),
                Arguments.of(1, -1, 1, SIZE),
                Arguments.of(SIZE - 1, -1, SIZE - 1, SIZE),
                Arguments.of(SIZE, -1, SIZE, SIZE),
                Arguments.of(-1, 10, 0, 10),
                Arguments.of(0, 0, 0, 0),
                Arguments.of(0, 1, 0, 1),
                Arguments.of(0, SIZE - 1, 0, SIZE - 1),
                Arguments.of(0, SIZE, 0, SIZE),
                Arguments.of(0, SIZE + 1, 0, SIZE),
                Arguments.of(0, Long.MAX_VALUE, 0, SIZE),
                Arguments.of(500, 10, 500, 510),
                Arguments.of(SIZE - 1, 1, SIZE - 1, SIZE),
                Arguments.of(SIZE - 1, 5, SIZE - 1, SIZE),
                Arguments.of(SIZE, 0, SIZE, SIZE),
                Arguments.of(SIZE, 5, SIZE, SIZE));
    }

    @ParameterizedTest(name = "offset {0} length {1}")
    @MethodSource("ranges")
    void getReturnsExactlyTheRange(long offset, long length, int start, int end) throws Exception {
        byte[] content = Payload.of(SIZE, 6).bytes();
        String location = add("ranged", content);

        CliResult result = cli.run(rangeArgs(offset, length, location));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo(Arrays.copyOfRange(content, start, end));
    }

    @Test
    void anOffsetBeyondTheEndIsAUsageErrorAndWritesNothing() throws Exception {
        String location = add("short", Payload.of(SIZE, 7).bytes());

        CliResult result = cli.run("get", "--offset", String.valueOf(SIZE + 1), location);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("stowage: Range offset 1001 is beyond the end of file://")
                .contains("(size 1000)");
    }

    @Test
    void statPrintsLocationStoreAndSize() throws Exception {
        String location = add("sized", Payload.of(12_345, 8).bytes());

        CliResult result = cli.run("stat", location);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutText()).isEqualTo("{\"location\":\"" + location + "\",\"store\":\"local\",\"size\":12345}\n");
    }

    @Test
    void aJsonLocationIsReadToo() throws Exception {
        byte[] content = Payload.of(100, 9).bytes();
        String location = add("json", content);

        CliResult named = cli.run("get", "{\"url\": \"" + location + "\", \"metadata\": {\"store\": \"local\"}}");
        CliResult otherStore = cli.run("get", "{\"url\": \"" + location + "\", \"metadata\": {\"store\": \"nosuch\"}}");

        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(named.stdout()).isEqualTo(content);
        assertThat(otherStore.exitCode()).as(otherStore.toString()).isEqualTo(7);
        assertThat(otherStore.stderr()).contains("names store 'nosuch', which is not configured (stores: local)");
    }

    @Test
    void deleteThenGetStatAndDeleteExitThree() throws Exception {
        String location = add("doomed", Payload.of(100, 10).bytes());

        CliResult deleted = cli.run("delete", location);

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.stdout()).isEmpty();
        assertThat(deleted.stderr()).isEmpty();
        assertThat(data.resolve("doomed")).doesNotExist();
        for (String command : List.of("get", "stat", "delete")) {
            CliResult result = cli.run(command, location);
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(3);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).startsWith("stowage: ").contains(location);
            assertThat(result.stderr().lines()).hasSize(1);
        }
    }

    private String add(String id, byte[] content) {
        CliResult result = cli.run(content, "add", "--id", id, "-");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.json().get("location").asText();
    }

    private static String[] rangeArgs(long offset, long length, String location) {
        List<String> args = new ArrayList<>(List.of("get"));
        if (offset >= 0) {
            args.addAll(List.of("--offset", String.valueOf(offset)));
        }
        if (length >= 0) {
            args.addAll(List.of("--length", String.valueOf(length)));
        }
        args.add(location);
        return args.toArray(String[]::new);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Path> listing(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(path -> !path.equals(directory)).sorted().toList();
        }
    }
}
