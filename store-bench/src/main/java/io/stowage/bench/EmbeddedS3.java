package io.stowage.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.1 in this JVM on 127.0.0.1 over its filesystem blob store in a workspace dir (so
 * objects larger than the heap fit), with AWS v4 signatures and random keys, and one bucket.
 * Stowage and the raw SDK talk to the same instance.
 */
final class EmbeddedS3 implements AutoCloseable {
    static final String BUCKET = "bench";
    static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final String accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    private final String secretKey = UUID.randomUUID().toString();

    private EmbeddedS3(Path dir) throws Exception {
        this.proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        proxy.start();
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts the server over {@code dir} and creates {@value #BUCKET}. */
    static EmbeddedS3 start(Path dir) throws Exception {
        EmbeddedS3 server = new EmbeddedS3(dir);
        try (S3Client admin = server.client(software.amazon.awssdk.http.apache.ApacheHttpClient.builder().build())) {
            admin.createBucket(request -> request.bucket(BUCKET));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    /** A raw SDK client of this server with its keys, over {@code http} (which the client closes). */
    S3Client client(SdkHttpClient http) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(http)
                .build();
    }

    /**
     * The keys as environment variables for a Stowage config that names them as
     * {@code ${BENCH_S3_ACCESS_KEY}} and {@code ${BENCH_S3_SECRET_KEY}}: they never appear in a config text.
     */
    Map<String, String> environment() {
        return Map.of("BENCH_S3_ACCESS_KEY", accessKey, "BENCH_S3_SECRET_KEY", secretKey);
    }

    /** A config tree of one s3 store named {@value StowageConfigs#STORE} in {@value #BUCKET}, keys from the environment. */
    Map<String, Object> storeConfig() {
        return Map.of("stores", Map.of(StowageConfigs.STORE, Map.of(
                "type", "s3",
                "bucket", BUCKET,
                "endpoint", endpoint.toString(),
                "pathStyle", true,
                "accessKey", "${BENCH_S3_ACCESS_KEY}",
                "secretKey", "${BENCH_S3_SECRET_KEY}")));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
