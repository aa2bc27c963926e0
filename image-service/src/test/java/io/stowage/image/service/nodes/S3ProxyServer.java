package io.stowage.image.service.nodes;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy in the test JVM on {@code 127.0.0.1} and a free port (objects in memory, random keys),
 * with one bucket; the service nodes, separate processes, reach it over loopback. The test
 * inspects the bucket through the AWS SDK: objects and open multipart uploads.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String BUCKET = "images";

    private final S3Proxy proxy;
    private final String accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    private final String secretKey = UUID.randomUUID().toString();
    private final S3Client client;

    private S3ProxyServer() throws Exception {
        BlobStore blobs = new TransientNio2BlobStore();
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true).stopTimeout(0).build();
        proxy.start();
        client = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
        client.createBucket(request -> request.bucket(BUCKET));
    }

    public static S3ProxyServer start() {
        try {
            return new S3ProxyServer();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded S3Proxy could not be started", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The keys of the bucket's objects. */
    public List<String> objects() {
        List<String> keys = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    /** The keys of the bucket's open multipart uploads. */
    public List<String> openUploads() {
        return client.listMultipartUploads(request -> request.bucket(BUCKET)).uploads().stream()
                .map(MultipartUpload::key).toList();
    }

    /** The stores section of a node's config: one s3 store {@code s3} on this server, keys from the environment. */
    public String storesConfig() {
        return """
                default: s3
                stores:
                  s3: { type: s3, bucket: %s, endpoint: "%s", pathStyle: true, region: us-east-1,
                        accessKey: "${S3_ACCESS_KEY}", secretKey: "${S3_SECRET_KEY}",
                        multipartThreshold: 5242880, partSize: 5242880, uploadConcurrency: 2 }
                """.formatted(BUCKET, endpoint());
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
