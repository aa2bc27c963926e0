package io.stowage.bench;

import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.ImageService;
import io.stowage.image.service.nodes.PostgresServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The image service on several nodes against raw S3, in the same run: two image-service nodes
 * (in this JVM, each with its own HTTP server, registry pool and s3 store) on one PostgreSQL
 * (Debian's, durable: fsync on) and one in-process S3Proxy over the workspace's disk, the same
 * server the raw SDK baseline talks to.
 * <ul>
 *   <li>upload: {@code PUT /v2/images/{id}/file} of the source file through one node (the image
 *       is created before the timed span and deleted after it) against the raw SDK's multipart
 *       upload with the store's part size and concurrency: what the service adds is the
 *       registry's transitions, the lease, MD5 and the os_hash (SHA-256 by default) on their own threads, and HTTP;</li>
 *   <li>download: {@code GET /v2/images/{id}/file} through the other node against the raw SDK's
 *       {@code getObject} of the same S3 object.</li>
 * </ul>
 * The data moves over Apache HttpClient 5 on both sides (the SDK's transport, and the client of
 * the service's requests), so that the clients' own costs cancel out. Beside the wall time, each
 * timed span notes the CPU time this JVM (S3Proxy, both nodes, the clients) and its child
 * processes used: the info rows show it per byte and as cores kept busy, which says whether the
 * two cores were the limit (PostgreSQL, started apart, is not counted).
 */
final class ImageNodesScenario implements Scenario {
    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.NODES;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path source = context.workspace().source();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService partThreads = Executors.newFixedThreadPool(S3Scenarios.CONCURRENCY, runnable -> {
            Thread thread = new Thread(runnable, "raw-sdk-part");
            thread.setDaemon(true);
            return thread;
        });
        try (PostgresServer postgres = PostgresServer.startDurable();
                EmbeddedS3 s3 = EmbeddedS3.start(context.workspace().dir("nodes-s3"));
                S3Client raw = s3.client(Apache5HttpClient.builder().build());
                CloseableHttpClient data = HttpClients.custom().build()) {
            String database = postgres.createDatabase();
            try (ImageService first = node(s3, postgres, database); ImageService second = node(s3, postgres, database)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                ImageNodeClient a = new ImageNodeClient(http, data, first.port());
                ImageNodeClient b = new ImageNodeClient(http, data, second.port());

                CpuSamples cpu = new CpuSamples();
                long pid = ProcessHandle.current().pid();
                Contender upload = Contender.of("image service upload", () -> {
                    String id = a.create("bench-" + sequence.incrementAndGet());
                    long start = System.nanoTime();
                    cpu.noted("image service upload", pid, size, () -> {
                        a.upload(id, source);
                        return id;
                    });
                    long nanos = System.nanoTime() - start;
                    long stored = b.show(id).get("size").longValue();
                    a.delete(id);
                    return new Sample(nanos, Drain.check("image service upload", stored, size));
                });
                Contender multipart = Contender.timedThen("raw SDK multipart", () -> cpu.noted("raw SDK multipart", pid, size, () -> {
                    String key = "raw-" + sequence.incrementAndGet();
                    try (InputStream in = Files.newInputStream(source)) {
                        RawMultipartUpload.upload(raw, partThreads, EmbeddedS3.BUCKET, key, in, S3Scenarios.PART_SIZE,
                                S3Scenarios.CONCURRENCY);
                    }
                    return key;
                }), key -> S3Scenarios.removeRaw("raw SDK multipart", raw, key, size));
                Rounds uploads = context.rounds("image upload (2 nodes)", List.of(upload, multipart));

                String id = a.create("bench-download");
                a.upload(id, source);
                String key = b.show(id).get("direct_url").textValue().substring(("s3://" + EmbeddedS3.BUCKET + "/").length());
                Contender download = Contender.timed("image service download", () -> cpu.noted("image service download",
                        pid, size, () -> Drain.check("image service download", b.download(id), size)));
                Contender get = Contender.timed("raw SDK get", () -> cpu.noted("raw SDK get", pid, size, () -> {
                    try (ResponseInputStream<GetObjectResponse> in = raw.getObject(request -> request
                            .bucket(EmbeddedS3.BUCKET).key(key))) {
                        return Drain.check("raw SDK get", Drain.drain(in), size);
                    }
                }));
                Rounds downloads = context.quickRounds("image download (2 nodes)", List.of(download, get));
                a.delete(id);

                String sized = " (" + Sizes.format(size) + ")";
                int warmups = context.options().warmups();
                return List.of(
                        Comparison.row("image upload" + sized + " via node 1 of 2 (PostgreSQL, S3Proxy)", uploads,
                                "image service upload", "raw SDK multipart", Unit.BYTES, Target.atLeast(0.85)),
                        Comparison.row("image upload" + sized + ", CPU of the bench JVM", cpu.measured("image service upload",
                                warmups), cpu.measured("raw SDK multipart", warmups), "raw SDK multipart",
                                Unit.BYTES_PER_CPU_SECOND, Target.NONE),
                        cpu.coresBusy("image upload" + sized + ", cores the bench JVM kept busy", uploads,
                                "image service upload", "raw SDK multipart", warmups),
                        Comparison.row("image download" + sized + " via node 2 of 2", downloads, "image service download",
                                "raw SDK get", Unit.BYTES, Target.atLeast(0.85)),
                        Comparison.row("image download" + sized + ", CPU of the bench JVM", cpu.measured(
                                "image service download", warmups), cpu.measured("raw SDK get", warmups), "raw SDK get",
                                Unit.BYTES_PER_CPU_SECOND, Target.NONE),
                        cpu.coresBusy("image download" + sized + ", cores the bench JVM kept busy", downloads,
                                "image service download", "raw SDK get", warmups));
            }
        } finally {
            partThreads.shutdownNow();
        }
    }

    /** One node: the s3 store on the scenario's S3Proxy (keys from the environment), the registry on PostgreSQL. */
    private static ImageService node(EmbeddedS3 s3, PostgresServer postgres, String database) throws Exception {
        Map<String, Object> tree = new java.util.HashMap<>(s3.storeConfig());
        tree.put("default", StowageConfigs.STORE);
        tree.put("images", Map.of("listen", "127.0.0.1:0", "registry", database, "registry-user", postgres.user(),
                "show-direct-url", true));
        return ImageService.start(StowageConfig.fromTree(tree, s3.environment()::get));
    }
}
