package io.stowage.image.service.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.api.Conditions;
import io.stowage.image.service.api.GatedBody;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service nodes, separate processes, on one PostgreSQL registry and one S3 bucket are one
 * service: an image uploaded through one is listed, shown and downloaded through the other, and
 * of uploads to one image through both nodes exactly one wins.
 */
class TwoNodesTest {
    private static final String OCTETS = "application/octet-stream";

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static Cluster cluster;
    private static Http a;
    private static Http b;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        cluster = new Cluster(dir, SharedPostgres.server(), s3, "5s");
        a = Cluster.http(cluster.startNode());
        b = Cluster.http(cluster.startNode());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        s3.close();
    }

    @Test
    void anImageUploadedThroughOneNodeIsListedShownAndDownloadedThroughTheOther() throws Exception {
        String id = a.create("{\"name\": \"across\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        byte[] data = bytes(12 * 1024 * 1024 + 17, 1);

        Reply upload = a.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS);

        assertThat(upload.status()).as(upload.toString()).isEqualTo(204);
        JsonNode listed = b.get("/v2/images?name=across").json().get("images");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").textValue()).isEqualTo(id);
        JsonNode shown = b.show(id);
        assertThat(shown.get("status").textValue()).isEqualTo("active");
        assertThat(shown.get("size").longValue()).isEqualTo(data.length);
        assertThat(shown.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(shown.get("direct_url").textValue()).startsWith("s3://" + S3ProxyServer.BUCKET + "/" + id + ".");
        Reply download = b.get("/v2/images/" + id + "/file");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(s3.openUploads()).isEmpty();
    }

    @Test
    void ofTwoUploadsToOneImageThroughBothNodesOneWinsAndTheOtherGets409() throws Exception {
        String id = a.create("{}");
        byte[] first = bytes(6 * 1024 * 1024, 2);
        GatedBody gated = new GatedBody(first, 1024 * 1024);
        CompletableFuture<Reply> throughA = CompletableFuture.supplyAsync(
                () -> a.putStream("/v2/images/" + id + "/file", () -> gated, "Content-Type", OCTETS));
        Conditions.await("the upload through node 0 to hold the image", Duration.ofSeconds(60),
                () -> b.show(id).get("status").textValue().equals("saving"));

        Reply throughB = b.put("/v2/images/" + id + "/file", bytes(1000, 3), "Content-Type", OCTETS);
        gated.open();

        assertThat(throughB.status()).as(throughB.toString()).isEqualTo(409);
        assertThat(throughA.get(120, TimeUnit.SECONDS).status()).isEqualTo(204);
        assertThat(b.show(id).get("checksum").textValue()).isEqualTo(hex("MD5", first));
        assertThat(b.get("/v2/images/" + id + "/file").body()).isEqualTo(first);
    }

    @Test
    void ofUploadsStartedAtOnceThroughBothNodesExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = a.create("{}");
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Reply>> uploads = new ArrayList<>();
            for (Http node : List.of(a, b)) {
                byte[] data = bytes(200_000, round * 2 + uploads.size());
                uploads.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return node.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Reply> upload : uploads) {
                statuses.add(upload.get(120, TimeUnit.SECONDS).status());
            }

            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(204, 409);
            assertThat(b.show(id).get("status").textValue()).isEqualTo("active");
        }
        assertThat(s3.openUploads()).isEmpty();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
