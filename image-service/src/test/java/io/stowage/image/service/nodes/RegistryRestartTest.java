package io.stowage.image.service.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.api.Conditions;
import io.stowage.image.service.api.GatedBody;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under traffic (creates, shows, lists and an upload in flight, through
 * two nodes): while it is down requests answer 503 and never 500; nothing answered 201 is lost;
 * the nodes reconnect on their own; the upload that was streaming ends {@code active} or
 * {@code queued}, never stuck {@code saving}; S3 holds exactly the active images' data and no
 * open multipart upload.
 */
class RegistryRestartTest {
    @TempDir
    Path dir;

    @Test
    void requestsFailWith503WhileItIsDownAndTheServiceRecoversOnItsOwn() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                S3ProxyServer s3 = S3ProxyServer.start();
                Cluster cluster = new Cluster(dir, postgres, s3, "2s")) {
            Http a = Cluster.http(cluster.startNode());
            Http b = Cluster.http(cluster.startNode());
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            AtomicBoolean traffic = new AtomicBoolean(true);
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                int round = 0;
                while (traffic.get()) {
                    Http node = round++ % 2 == 0 ? a : b;
                    Reply reply = node.post("/v2/images", "{\"name\": \"load\"}");
                    statuses.add(reply.status());
                    if (reply.status() == 201) {
                        String id = reply.json().get("id").textValue();
                        created.add(id);
                        statuses.add(node.get("/v2/images/" + id).status());
                    }
                    statuses.add(node.get("/v2/images?limit=5").status());
                }
            });
            String uploading = a.create("{\"name\": \"in flight\"}");
            GatedBody gated = new GatedBody(TwoNodesTest.bytes(7 * 1024 * 1024, 5), 3 * 1024 * 1024);
            CompletableFuture<Reply> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.putStream("/v2/images/" + uploading + "/file", () -> gated, "Content-Type", "application/octet-stream");
                } catch (UncheckedIOException e) {
                    return null;
                }
            });
            Conditions.await("the upload to hold its image", Duration.ofSeconds(60),
                    () -> b.show(uploading).get("status").textValue().equals("saving"));
            Conditions.await("some traffic before the stop", Duration.ofSeconds(60), () -> created.size() >= 5);

            postgres.stop();
            Reply whileDown = b.post("/v2/images", "{\"name\": \"while down\"}");
            Reply shownWhileDown = a.get("/v2/images/" + uploading);
            // longer than the lease: the upload's renewals fail meanwhile
            Conditions.await("503s under traffic while the registry is down", Duration.ofSeconds(60),
                    () -> statuses.stream().filter(status -> status == 503).count() >= 3);
            gated.open();
            postgres.startAgain();

            assertThat(whileDown.status()).as(whileDown.toString()).isEqualTo(503);
            assertThat(shownWhileDown.status()).as(shownWhileDown.toString()).isEqualTo(503);
            Conditions.await("both nodes to serve again", Duration.ofSeconds(90),
                    () -> a.post("/v2/images", "{}").status() == 201 && b.get("/v2/images").status() == 200);
            Reply uploaded = upload.get(120, TimeUnit.SECONDS);
            traffic.set(false);
            load.get(120, TimeUnit.SECONDS);

            assertThat(statuses).as("statuses under traffic").doesNotContain(500).contains(503);
            Conditions.await("the upload's image to leave saving", Duration.ofSeconds(60),
                    () -> !b.show(uploading).get("status").textValue().equals("saving"));
            String status = b.show(uploading).get("status").textValue();
            assertThat(status).as("after the upload answered %s", uploaded).isIn("active", "queued");
            for (String id : created) {
                assertThat(b.get("/v2/images/" + id).status()).as("image %s created before or during the restart", id)
                        .isEqualTo(200);
            }
            Set<String> expected = new HashSet<>();
            if (status.equals("active")) {
                assertThat(b.get("/v2/images/" + uploading + "/file").body()).isEqualTo(TwoNodesTest.bytes(7 * 1024 * 1024, 5));
                expected.add(b.show(uploading).get("direct_url").textValue().substring(("s3://" + S3ProxyServer.BUCKET + "/").length()));
            }
            Conditions.await("S3 to hold only active data and no open upload", Duration.ofSeconds(60),
                    () -> new HashSet<>(s3.objects()).equals(expected) && s3.openUploads().isEmpty());
            assertThat(List.of(a.post("/v2/images", "{}").status(), b.post("/v2/images", "{}").status())).containsOnly(201);
        }
    }
}
