package io.stowage.s3;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Chooses and starts the S3 server of this test run, once, and stops it when the JVM ends.
 *
 * <p>In this order:
 * <ol>
 *   <li>an external endpoint when {@code S3_TEST_ENDPOINT} is set (with {@code S3_TEST_ACCESS_KEY},
 *       {@code S3_TEST_SECRET_KEY}, optionally {@code S3_TEST_BUCKET}, {@code S3_TEST_REGION},
 *       {@code S3_TEST_PATH_STYLE}); if it cannot be reached the run fails;</li>
 *   <li>MinIO through Testcontainers when a Docker engine is available;</li>
 *   <li>otherwise S3Proxy 4.1 embedded in this JVM, in memory (what runs in CI, which has no Docker).</li>
 * </ol>
 * {@code S3_TEST_SERVER=s3proxy} (or {@code minio}) forces one. If the chosen server cannot
 * start, every test that needs it fails with the reason: nothing is skipped.
 */
final class S3TestServers {
    private static final Logger LOG = LoggerFactory.getLogger(S3TestServers.class);
    private static S3TestServer shared;
    private static RuntimeException startFailure;

    private S3TestServers() {}

    /** The server of this run, started on first use. */
    static synchronized S3TestServer shared() {
        if (startFailure != null) {
            throw new IllegalStateException("No S3 test server could be started (see the cause)", startFailure);
        }
        if (shared == null) {
            try {
                shared = start(System.getenv());
            } catch (RuntimeException e) {
                startFailure = e;
                throw new IllegalStateException("No S3 test server could be started (see the cause)", e);
            }
            LOG.info("S3 tests run against {}", shared.description());
            S3TestServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-s3-test-server"));
        }
        return shared;
    }

    private static S3TestServer start(Map<String, String> environment) {
        String forced = environment.getOrDefault("S3_TEST_SERVER", "");
        if (ExternalS3Server.configured(environment) && forced.isEmpty() || forced.equals("external")) {
            return ExternalS3Server.connect(environment);
        }
        if (forced.equals("minio") || forced.isEmpty() && MinioTestServer.dockerAvailable()) {
            return MinioTestServer.start();
        }
        if (forced.isEmpty() || forced.equals("s3proxy")) {
            return EmbeddedS3Proxy.inMemory();
        }
        throw new IllegalStateException("S3_TEST_SERVER must be external, minio or s3proxy");
    }

    /** A client with the server's admin keys, for arranging and inspecting from outside the store. */
    static S3Client client(S3TestServer server) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .forcePathStyle(server.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    static void createBucket(S3TestServer server, String bucket) {
        try (S3Client client = client(server)) {
            client.createBucket(request -> request.bucket(bucket));
        }
    }

    /** Removes a bucket with everything in it, uploads in progress included. */
    static void deleteBucket(S3TestServer server, String bucket) {
        try (S3Client client = client(server)) {
            for (MultipartUpload upload : uploads(client, bucket, "")) {
                client.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
            }
            for (S3Object object : objects(client, bucket, "")) {
                client.deleteObject(request -> request.bucket(bucket).key(object.key()));
            }
            client.deleteBucket(request -> request.bucket(bucket));
        }
    }

    /** A key prefix no other test uses. */
    static String uniquePrefix(String test) {
        return "t/" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<S3Object> objects(S3Client client, String bucket, String prefix) {
        ListObjectsV2Response listing = client.listObjectsV2(request -> request.bucket(bucket).prefix(prefix));
        return listing.contents();
    }

    static List<MultipartUpload> uploads(S3Client client, String bucket, String prefix) {
        return client.listMultipartUploads(request -> request.bucket(bucket).prefix(prefix)).uploads();
    }
}
