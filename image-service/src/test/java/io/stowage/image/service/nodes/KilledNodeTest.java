package io.stowage.image.service.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.api.Conditions;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL in the middle of uploads, {@value #KILLS} times at random points
 * (from before the first byte to after the answer, so also while the store completes the
 * multipart upload and while the registry commits): once the lease lapses, the surviving node's
 * recovery leaves every image either {@code active} with exactly its bytes or {@code queued},
 * no S3 object that is not an active image's data, and no multipart upload open. The seed is in
 * every failure message; {@code -Dstowage.kill.seed=N} repeats a run.
 */
class KilledNodeTest {
    private static final int KILLS = 20;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    /** One upload: killed once {@code killAt} bytes went out, or ({@code killAt} -1) once S3 shows its multipart upload. */
    private record Attempt(String id, long seed, int size, long killAt) {}

    @Test
    void everyImageEndsActiveWithItsBytesOrQueuedWithNothingLeftInS3() throws Exception {
        long seed = Long.getLong("stowage.kill.seed", new Random().nextLong());
        Random random = new Random(seed);
        List<Attempt> attempts = new ArrayList<>();
        try (S3ProxyServer s3 = S3ProxyServer.start();
                Cluster cluster = new Cluster(dir, SharedPostgres.server(), s3, "2s")) {
            Http survivor = Cluster.http(cluster.startNode());
            for (int i = 0; i < KILLS; i++) {
                NodeProcess victim = cluster.startNode();
                Http http = Cluster.http(victim);
                String id = survivor.create("{\"name\": \"kill-" + i + "\"}");
                // loopback socket buffers hold megabytes, so the bytes sent say little of how far the
                // node got: half the kills wait until S3 shows the upload's multipart upload instead
                boolean midMultipart = random.nextBoolean();
                int size = (midMultipart ? 11 : 5) * MIB + random.nextInt(9 * MIB);
                long killAt = midMultipart ? -1 : (long) (random.nextDouble() * size * 1.2);
                Attempt attempt = new Attempt(id, random.nextLong(), size, killAt);
                attempts.add(attempt);
                try {
                    http.putStream("/v2/images/" + id + "/file", () -> new KillingBody(attempt, victim,
                            () -> s3.openUploads().stream().anyMatch(key -> key.startsWith(id + "."))),
                            "Content-Type", "application/octet-stream");
                } catch (UncheckedIOException e) {
                    // the node died under the request
                }
                victim.kill();
            }
            String where = "seed " + seed + ", attempts " + attempts;
            Conditions.await("every image to leave saving (" + where + ")", Duration.ofSeconds(90),
                    () -> attempts.stream().noneMatch(attempt -> status(survivor, attempt).equals("saving")));
            Set<String> activeObjects = new HashSet<>();
            int active = 0;
            for (Attempt attempt : attempts) {
                JsonNode image = survivor.show(attempt.id());
                String status = image.get("status").textValue();
                assertThat(status).as("image of %s (%s)", attempt, where).isIn("active", "queued");
                if (status.equals("active")) {
                    active++;
                    assertThat(survivor.get("/v2/images/" + attempt.id() + "/file").body())
                            .as("the bytes of %s (%s)", attempt, where).isEqualTo(KillingBody.data(attempt));
                    activeObjects.add(image.get("direct_url").textValue()
                            .substring(("s3://" + S3ProxyServer.BUCKET + "/").length()));
                }
            }
            Conditions.await("S3 to hold only the active images' objects and no open upload (" + where + ")",
                    Duration.ofSeconds(60), () -> new HashSet<>(s3.objects()).equals(activeObjects) && s3.openUploads().isEmpty());
            assertThat(active + queued(survivor, attempts)).as(where).isEqualTo(KILLS);
        }
    }

    private static String status(Http http, Attempt attempt) {
        return http.show(attempt.id()).get("status").textValue();
    }

    private static long queued(Http http, List<Attempt> attempts) {
        return attempts.stream().filter(attempt -> status(http, attempt).equals("queued")).count();
    }

    /** An attempt's bytes; the node is killed once {@code killAt} of them went out. */
    private static final class KillingBody extends InputStream {
        private final Attempt attempt;
        private final NodeProcess victim;
        private final java.util.function.BooleanSupplier multipartOpen;
        private final byte[] data;
        private int position;
        private int checkedAt;

        KillingBody(Attempt attempt, NodeProcess victim, java.util.function.BooleanSupplier multipartOpen) {
            this.attempt = attempt;
            this.victim = victim;
            this.multipartOpen = multipartOpen;
            this.data = data(attempt);
        }

        private boolean killNow() {
            if (attempt.killAt() >= 0) {
                return position >= attempt.killAt();
            }
            if (position - checkedAt < MIB / 2) {
                return false;
            }
            checkedAt = position;
            return multipartOpen.getAsBoolean();
        }

        static byte[] data(Attempt attempt) {
            byte[] data = new byte[attempt.size()];
            new Random(attempt.seed()).nextBytes(data);
            return data;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (victim.isAlive() && killNow()) {
                victim.kill();
            }
            if (position == attempt.size()) {
                if (attempt.killAt() < 0 && victim.isAlive()) {
                    // the node cannot complete before the body ends: its multipart upload shows meanwhile
                    Conditions.await("the multipart upload of " + attempt, Duration.ofSeconds(60), multipartOpen);
                    victim.kill();
                }
                return -1;
            }
            int n = Math.min(Math.min(length, 64 * 1024), attempt.size() - position);
            if (position < attempt.killAt()) {
                // stop exactly at the kill point
                n = (int) Math.min(n, attempt.killAt() - position);
            }
            System.arraycopy(data, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
