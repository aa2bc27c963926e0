package io.stowage.s3;

import java.net.URI;

/**
 * An S3 service the tests run against, started (or found) by the tests themselves; see
 * {@link S3TestServers#shared()} for which one is chosen.
 */
interface S3TestServer extends AutoCloseable {
    /** What it is, for messages: "embedded S3Proxy 4.1.0", "MinIO (Testcontainers)", "external endpoint". */
    String description();

    URI endpoint();

    String accessKey();

    String secretKey();

    String region();

    /** Whether clients must address buckets in the path (true for local servers). */
    boolean pathStyle();

    /** A bucket that exists for the whole run; tests separate themselves by key prefix. */
    String bucket();

    /** Whether the server can be told to create buckets (an external endpoint may not allow it). */
    boolean canCreateBuckets();

    /** A config for the shared bucket with the server's endpoint and keys; the caller adds a prefix. */
    default S3StoreConfigBuilder config() {
        S3StoreConfigBuilder builder = S3StoreConfig.builder(bucket())
                .endpoint(endpoint().toString())
                .region(region())
                .credentials(accessKey(), secretKey());
        return pathStyle() ? builder.pathStyle() : builder;
    }

    @Override
    void close();
}
