package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB object streamed through stdin into the packaged command with a 64 MiB heap: the
 * data is generated while it is sent (never held anywhere), hashed on the way, and the
 * object is removed at the end.
 */
class LargeStdinAddIT {
    private static final long SIZE = 2L * 1024 * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void twoGibibytesFromStdinFitIn64MibOfHeap() throws Exception {
        Path root = temp.toRealPath();
        Path config = TestConfigs.fileStore(root, root.resolve("data"));
        ForkedCli cli = new ForkedCli(root, Map.of("JAVA_OPTS", "-Xmx64m"));
        Payload payload = Payload.of(SIZE, 2024);

        ForkedCli.Started add = cli.start("-c", config.toString(), "add", "--id", "big", "-");
        CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> sendHashed(payload, add.stdin()));
        CliResult result = add.finish();
        String sha256 = sent.join();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("size").asLong()).isEqualTo(SIZE);
        assertThat(json.get("checksums").get("sha256").asText()).isEqualTo(sha256);
        Path object = root.resolve("data/big");
        assertThat(Files.size(object)).isEqualTo(SIZE);

        try {
            CliResult verified = cli.run("-c", config.toString(), "get", "--verify", "sha256:" + sha256,
                    "-o", root.resolve("copy").toString(), json.get("location").asText());
            assertThat(verified.exitCode()).as("the read back under -Xmx64m: " + verified).isZero();
            assertThat(Files.size(root.resolve("copy"))).isEqualTo(SIZE);
        } finally {
            Files.deleteIfExists(root.resolve("copy"));
            CliResult deleted = cli.run("-c", config.toString(), "delete", json.get("location").asText());
            assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        }
        assertThat(object).doesNotExist();
    }

    /** Writes the payload into {@code stdin}, closes it, and returns the SHA-256 of what was sent. */
    private static String sendHashed(Payload payload, OutputStream stdin) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1024 * 1024];
        try (InputStream in = payload.open(); OutputStream out = stdin) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
