package io.stowage.image.service.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.api.GatedBody;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two uploads of one owner racing over the owner quota through two nodes (separate processes on
 * one PostgreSQL and one S3Proxy), with declared sizes and streamed without one: what fits is
 * kept with its bytes, the other upload gets 413, and nothing of it is left, not in the registry's
 * quota (the next round races for all of it again) and not in S3.
 */
class OwnerQuotaRaceTest {
    private static final String TOKEN = "team-token-0123456789abcdef";
    private static final int MIB = 1024 * 1024;
    private static final String OCTETS = "application/octet-stream";
    /** A refusal whose answer the client could not read (see {@link #status}). */
    private static final int UNREAD = -1;

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static Cluster cluster;
    private static Http a;
    private static Http b;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        cluster = new Cluster(dir, SharedPostgres.server(), s3, "5s", """
                  owner-quota: 10MiB
                  auth: { tokens: [ { token: "${TEAM_TOKEN}", project: team, roles: [member] } ] }
                """, Map.of("TEAM_TOKEN", TOKEN));
        a = Cluster.http(cluster.startNode()).withToken(TOKEN);
        b = Cluster.http(cluster.startNode()).withToken(TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        s3.close();
    }

    @Test
    void ofTwoDeclaredUploadsOverTheQuotaExactlyTheOneThatFitsIsKept() throws Exception {
        for (int round = 0; round < 4; round++) {
            List<Race> races = race(round, data -> () -> new ByteArrayInputStream(data), true);

            assertOneKeptAndNothingLeftOfTheOther(round, races);
        }
    }

    @Test
    void ofTwoStreamedUploadsOverTheQuotaTheOlderIsKeptAndTheOtherLeavesNothing() throws Exception {
        for (int round = 0; round < 4; round++) {
            // both hold 4 MiB of the 10 before either goes on: then they race for the rest byte by byte
            List<GatedBody> gates = new ArrayList<>();
            List<Race> races = race(round, data -> {
                GatedBody gate = new GatedBody(data, 4 * MIB);
                gates.add(gate);
                return () -> gate;
            }, false, () -> gates.forEach(GatedBody::open));

            // neither declared its size: they hold the quota's last bytes between them, the older waits for
            // room and the other gives up (without that rule both could be refused)
            assertOneKeptAndNothingLeftOfTheOther(round, races);
        }
        assertThat(s3.objects()).isEmpty();
    }

    /** One upload of a race: its image, its bytes, its answer. */
    private record Race(String id, byte[] data, int status) {}

    /** How an upload's body is read. */
    @FunctionalInterface
    private interface Body {
        Supplier<java.io.InputStream> of(byte[] data);
    }

    private static List<Race> race(int round, Body body, boolean declared) throws Exception {
        return race(round, body, declared, () -> { });
    }

    /** Uploads 6 MiB to each of two images of the owner, one through each node, from the same instant. */
    private static List<Race> race(int round, Body body, boolean declared, Runnable whenBothStarted) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<byte[]> datas = new ArrayList<>();
        for (Http node : List.of(a, b)) {
            String id = node.create("{\"name\": \"race-" + round + "\"}");
            byte[] data = TwoNodesTest.bytes(6 * MIB, round * 2L + ids.size());
            ids.add(id);
            datas.add(data);
            Supplier<java.io.InputStream> stream = body.of(data);
            replies.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return declared ? node.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS)
                        : node.putStream("/v2/images/" + id + "/file", stream, "Content-Type", OCTETS);
            }));
        }
        if (!declared) {
            io.stowage.image.service.api.Conditions.await("both uploads to hold their images", Duration.ofSeconds(60),
                    () -> ids.stream().allMatch(id -> a.show(id).get("status").textValue().equals("saving")));
        }
        whenBothStarted.run();
        List<Race> races = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            races.add(new Race(ids.get(i), datas.get(i), status(replies.get(i))));
        }
        return races;
    }

    /**
     * The answer's status, or {@link #UNREAD} when the connection ended before the client read it:
     * the service refuses an upload over the quota before it reads the body and closes the
     * connection, and a client still sending that body can lose the answer to the reset.
     */
    private static int status(CompletableFuture<Reply> reply) throws Exception {
        try {
            return reply.get(120, TimeUnit.SECONDS).status();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException) {
                return UNREAD;
            }
            throw e;
        }
    }

    /** One upload got 204 with its bytes, the other 413 and left nothing; then both images go, freeing the quota. */
    private static void assertOneKeptAndNothingLeftOfTheOther(int round, List<Race> races) {
        List<Integer> statuses = races.stream().map(Race::status).sorted().toList();
        assertThat(statuses).as("round %d", round).isIn(List.of(204, 413), List.of(UNREAD, 204));
        Race kept = races.stream().filter(race -> race.status() == 204).findFirst().orElseThrow();
        Race refused = races.stream().filter(race -> race.status() != 204).findFirst().orElseThrow();
        assertThat(a.get("/v2/images/" + kept.id() + "/file").body()).isEqualTo(kept.data());
        assertThat(b.show(refused.id()).get("status").textValue()).isEqualTo("queued");
        assertOnlyInS3(kept);
        // the quota is whole again once the kept image goes: the next round races for all of it
        assertThat(a.delete("/v2/images/" + kept.id()).status()).isEqualTo(204);
        assertThat(a.delete("/v2/images/" + refused.id()).status()).isEqualTo(204);
    }

    /** S3 holds the kept image's object and nothing else: no object and no multipart upload of the refused one. */
    private static void assertOnlyInS3(Race kept) {
        io.stowage.image.service.api.Conditions.await("S3 to hold only the kept image's data", Duration.ofSeconds(30), () -> {
            Set<String> objects = new HashSet<>(s3.objects());
            return objects.size() == 1 && objects.iterator().next().startsWith(kept.id() + ".") && s3.openUploads().isEmpty();
        });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
