package io.stowage.s3;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * An S3 endpoint named by the environment: {@code S3_TEST_ENDPOINT}, {@code S3_TEST_ACCESS_KEY},
 * {@code S3_TEST_SECRET_KEY}, optionally {@code S3_TEST_BUCKET} (an existing bucket; else one
 * named {@code stowage-test-<random>} is created and removed afterwards), {@code S3_TEST_REGION}
 * (default us-east-1) and {@code S3_TEST_PATH_STYLE} (default true).
 */
final class ExternalS3Server implements S3TestServer {
    static final String ENDPOINT = "S3_TEST_ENDPOINT";

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final boolean pathStyle;
    private final String bucket;
    private final boolean ownBucket;

    private ExternalS3Server(Map<String, String> environment) {
        this.endpoint = URI.create(environment.get(ENDPOINT));
        this.accessKey = require(environment, "S3_TEST_ACCESS_KEY");
        this.secretKey = require(environment, "S3_TEST_SECRET_KEY");
        this.region = environment.getOrDefault("S3_TEST_REGION", "us-east-1");
        this.pathStyle = !"false".equalsIgnoreCase(environment.getOrDefault("S3_TEST_PATH_STYLE", "true"));
        String given = environment.get("S3_TEST_BUCKET");
        this.ownBucket = given == null || given.isBlank();
        this.bucket = ownBucket ? "stowage-test-" + UUID.randomUUID().toString().substring(0, 8) : given;
    }

    static boolean configured(Map<String, String> environment) {
        String endpoint = environment.get(ENDPOINT);
        return endpoint != null && !endpoint.isBlank();
    }

    static ExternalS3Server connect(Map<String, String> environment) {
        ExternalS3Server server = new ExternalS3Server(environment);
        if (server.ownBucket) {
            S3TestServers.createBucket(server, server.bucket);
        }
        return server;
    }

    private static String require(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(ENDPOINT + " is set, so " + name + " must be set too");
        }
        return value;
    }

    @Override
    public String description() {
        return "external endpoint " + endpoint + " (bucket " + bucket + ")";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return accessKey;
    }

    @Override
    public String secretKey() {
        return secretKey;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public boolean pathStyle() {
        return pathStyle;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public boolean canCreateBuckets() {
        return ownBucket;
    }

    @Override
    public void close() {
        if (ownBucket) {
            S3TestServers.deleteBucket(this, bucket);
        }
    }
}
