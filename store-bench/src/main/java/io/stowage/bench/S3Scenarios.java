package io.stowage.bench;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.core.StoreRegistry;
import io.stowage.StoredObject;
import io.stowage.core.config.StowageConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The s3 store against the raw AWS SDK v2, both talking to the same in-process S3Proxy (its
 * filesystem blob store in the workspace), reading the same source file:
 * <ul>
 *   <li>add with a known size and with an unknown size, each against a raw multipart upload
 *       with the store's default part size (8 MiB) and concurrency (4), the method the store
 *       uses for objects past its 8 MiB threshold; and, for reference, a raw single streaming
 *       PUT of the known size, a raw multipart upload that reads its source through a SHA-256
 *       digest (what Stowage's upload adds that costs CPU here), and one that also completes with
 *       {@code If-None-Match: *} as Stowage does (which costs S3Proxy CPU on the same cores): the
 *       same work as the store's add;</li>
 *   <li>get to a null sink against the raw {@code getObject} stream, read through the same
 *       128 KiB buffer, with the SDK's Apache 4 client and with Apache 5 (the one the store
 *       uses, the SDK's default); the row compares with the faster of the two.</li>
 * </ul>
 * The raw clients keep the SDK's defaults otherwise (checksums when supported, retries).
 */
final class S3Scenarios implements Scenario {
    /** The s3 store's default part size and upload concurrency, which the raw multipart baselines use too. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    static final int CONCURRENCY = 4;
    /** The raw upload doing the work of the store's: SHA-256 of the source, and the completion only if the key is free. */
    private static final String SAME_WORK = "raw SDK multipart + SHA-256 + If-None-Match";

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.S3;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path source = context.workspace().source();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService partThreads = Executors.newFixedThreadPool(CONCURRENCY, runnable -> {
            Thread thread = new Thread(runnable, "raw-sdk-part");
            thread.setDaemon(true);
            return thread;
        });
        try (EmbeddedS3 server = EmbeddedS3.start(context.workspace().dir("s3-data"));
                S3Client raw = server.client(ApacheHttpClient.builder().build());
                S3Client raw5 = server.client(Apache5HttpClient.builder().build());
                StoreRegistry stores = StoreRegistry.build(StowageConfig.fromTree(server.storeConfig(), server.environment()::get))) {
            Contender knownSize = stowageAdd("stowage known size", stores, source, size, sequence, true);
            Contender unknownSize = stowageAdd("stowage unknown size", stores, source, size, sequence, false);
            Contender multipart = rawMultipart("raw SDK multipart", raw5, partThreads, source, size, sequence, false,
                    RawMultipartUpload.Commit.ANY);
            Contender hashedMultipart = rawMultipart("raw SDK multipart + SHA-256", raw5, partThreads, source, size,
                    sequence, true, RawMultipartUpload.Commit.ANY);
            Contender sameWork = rawMultipart(SAME_WORK, raw5, partThreads, source, size, sequence, true,
                    RawMultipartUpload.Commit.IF_ABSENT);
            Contender singlePut = Contender.timedThen("raw SDK single PUT", () -> {
                String key = "raw-" + sequence.incrementAndGet();
                try (InputStream in = Files.newInputStream(source)) {
                    raw5.putObject(request -> request.bucket(EmbeddedS3.BUCKET).key(key).contentLength(size),
                            RequestBody.fromInputStream(in, size));
                }
                return key;
            }, key -> removeRaw("raw SDK single PUT", raw5, key, size));
            Rounds adds = context.rounds("s3 add", List.of(knownSize, unknownSize, multipart, hashedMultipart, sameWork,
                    singlePut));

            StoredObject stored;
            try (InputStream in = Files.newInputStream(source)) {
                stored = stores.add(ObjectId.of("get-source"), in, AddOptions.builder().expectedSize(size).build());
            }
            Location location = stored.location();
            Contender get = Contender.timed("stowage get", () -> {
                try (ObjectStream in = stores.get(location)) {
                    return Drain.check("stowage get", Drain.drain(in), size);
                }
            });
            Contender rawGet = rawGet("raw SDK (Apache 4)", raw, size);
            Contender rawGet5 = rawGet("raw SDK (Apache 5)", raw5, size);
            Rounds gets = context.quickRounds("s3 get", List.of(get, rawGet, rawGet5));
            stores.delete(location);

            String sized = " (" + Sizes.format(size) + ")";
            return List.of(
                    Comparison.row("s3 add" + sized + ", known size", adds, "stowage known size", "raw SDK multipart",
                            Unit.BYTES, Target.atLeast(0.90)),
                    Comparison.row("s3 add" + sized + ", unknown size", adds, "stowage unknown size", "raw SDK multipart",
                            Unit.BYTES, Target.atLeast(0.90)),
                    Comparison.row("s3 add" + sized + ", known size vs multipart + SHA-256", adds, "stowage known size",
                            "raw SDK multipart + SHA-256", Unit.BYTES, Target.NONE),
                    Comparison.row("s3 add" + sized + ", known size vs multipart + SHA-256 + If-None-Match", adds,
                            "stowage known size", SAME_WORK, Unit.BYTES, Target.NONE),
                    Comparison.row("s3 add" + sized + ", known size vs one PUT", adds, "stowage known size",
                            "raw SDK single PUT", Unit.BYTES, Target.NONE),
                    Comparison.rowAgainstFastest("s3 get" + sized + " to a null sink", gets, "stowage get",
                            List.of("raw SDK (Apache 4)", "raw SDK (Apache 5)"), Unit.BYTES, Target.atLeast(0.90)));
        } finally {
            partThreads.shutdownNow();
        }
    }

    private static Contender stowageAdd(String name, StoreRegistry stores, Path source, long size, AtomicInteger sequence,
            boolean sizeKnown) {
        return Contender.timedThen(name, () -> {
            ObjectId id = ObjectId.of("add-" + sequence.incrementAndGet());
            AddOptions options = sizeKnown ? AddOptions.builder().expectedSize(size).build() : AddOptions.defaults();
            try (InputStream in = Files.newInputStream(source)) {
                return stores.add(id, in, options);
            }
        }, added -> {
            stores.delete(added.location());
            return Drain.check(name, added.size(), size);
        });
    }

    /**
     * The raw multipart upload of the source; with {@code hashed}, the source is read through a SHA-256 digest on
     * the reading thread, what Stowage's upload adds that costs CPU in this JVM; with {@link
     * RawMultipartUpload.Commit#IF_ABSENT}, completed as Stowage completes (S3Proxy spends more CPU on a conditional
     * completion). The rows show what each costs when the server shares the machine's cores.
     */
    private static Contender rawMultipart(String name, S3Client client, ExecutorService partThreads, Path source,
            long size, AtomicInteger sequence, boolean hashed, RawMultipartUpload.Commit commit) {
        return Contender.timedThen(name, () -> {
            String key = "raw-" + sequence.incrementAndGet();
            try (InputStream file = Files.newInputStream(source);
                    InputStream in = hashed ? new DigestInputStream(file, MessageDigest.getInstance("SHA-256")) : file) {
                RawMultipartUpload.upload(client, partThreads, EmbeddedS3.BUCKET, key, in, PART_SIZE, CONCURRENCY, commit);
            }
            return key;
        }, key -> removeRaw(name, client, key, size));
    }

    /** Checks that the object at {@code key} holds {@code size} bytes, deletes it, and returns the size. */
    static long removeRaw(String contender, S3Client client, String key, long size) {
        long stored = client.headObject(request -> request.bucket(EmbeddedS3.BUCKET).key(key)).contentLength();
        client.deleteObject(request -> request.bucket(EmbeddedS3.BUCKET).key(key));
        return Drain.check(contender, stored, size);
    }

    private static Contender rawGet(String name, S3Client client, long size) {
        return Contender.timed(name, () -> {
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(request -> request
                    .bucket(EmbeddedS3.BUCKET).key("get-source"))) {
                return Drain.check(name, Drain.drain(in), size);
            }
        });
    }
}
