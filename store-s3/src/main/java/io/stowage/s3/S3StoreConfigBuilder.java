package io.stowage.s3;

import java.time.Duration;

/**
 * Builds an {@link S3StoreConfig} in code ({@link S3StoreConfig#builder}); keys not set take their
 * defaults, and {@link #build()} validates them as a config file's would be.
 */
public final class S3StoreConfigBuilder {
    String bucket;
    String prefix;
    String region;
    String endpoint;
    boolean pathStyle;
    String accessKey;
    String secretKey;
    boolean createBucket;
    Long multipartThreshold;
    Long partSize;
    Integer uploadConcurrency;
    Integer maxConnections;
    S3ChecksumMode checksumMode;
    boolean conditionalWrites = true;
    Duration connectTimeout;
    Duration readTimeout;
    Integer retries;
    Duration closeTimeout;
    Duration abortUploadsOlderThan;

    S3StoreConfigBuilder(String bucket) {
        this.bucket = bucket;
    }

    /**
     * Sets the bucket.
     *
     * @param value the bucket name
     * @return this builder
     */
    public S3StoreConfigBuilder bucket(String value) {
        this.bucket = value;
        return this;
    }

    /**
     * Sets the key prefix: keys are {@code prefix/id}.
     *
     * @param value {@code /}-separated segments of {@code [A-Za-z0-9._-]}
     * @return this builder
     */
    public S3StoreConfigBuilder prefix(String value) {
        this.prefix = value;
        return this;
    }

    /**
     * Sets the AWS region.
     *
     * @param value the region, e.g. {@code us-east-1}
     * @return this builder
     */
    public S3StoreConfigBuilder region(String value) {
        this.region = value;
        return this;
    }

    /**
     * Talks to an S3-compatible server instead of AWS.
     *
     * @param value {@code scheme://host[:port]}
     * @return this builder
     */
    public S3StoreConfigBuilder endpoint(String value) {
        this.endpoint = value;
        return this;
    }

    /**
     * Addresses the bucket in the path ({@code http://host/bucket/key}) rather than the host name.
     *
     * @return this builder
     */
    public S3StoreConfigBuilder pathStyle() {
        this.pathStyle = true;
        return this;
    }

    /**
     * Uses static keys instead of the SDK's default credentials chain.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key
     * @return this builder
     */
    public S3StoreConfigBuilder credentials(String accessKeyId, String secretAccessKey) {
        this.accessKey = accessKeyId;
        this.secretKey = secretAccessKey;
        return this;
    }

    /**
     * Creates the bucket when the store opens and it is missing.
     *
     * @return this builder
     */
    public S3StoreConfigBuilder createBucket() {
        this.createBucket = true;
        return this;
    }

    /**
     * Sets the size above which an add goes up in parts.
     *
     * @param bytes 0 to {@value S3StoreConfig#MAX_BUFFER}
     * @return this builder
     */
    public S3StoreConfigBuilder multipartThreshold(long bytes) {
        this.multipartThreshold = bytes;
        return this;
    }

    /**
     * Sets the size of each part.
     *
     * @param bytes {@value S3StoreConfig#MIN_PART_SIZE} to {@value S3StoreConfig#MAX_BUFFER}
     * @return this builder
     */
    public S3StoreConfigBuilder partSize(long bytes) {
        this.partSize = bytes;
        return this;
    }

    /**
     * Sets how many parts one add uploads at once.
     *
     * @param parts 1 to {@value S3StoreConfig#MAX_UPLOAD_CONCURRENCY}
     * @return this builder
     */
    public S3StoreConfigBuilder uploadConcurrency(int parts) {
        this.uploadConcurrency = parts;
        return this;
    }

    /**
     * Sets how many HTTP connections the store holds.
     *
     * @param connections at least {@code uploadConcurrency + 1}
     * @return this builder
     */
    public S3StoreConfigBuilder maxConnections(int connections) {
        this.maxConnections = connections;
        return this;
    }

    /**
     * Sets when the client adds and validates checksums.
     *
     * @param mode the mode
     * @return this builder
     */
    public S3StoreConfigBuilder checksumMode(S3ChecksumMode mode) {
        this.checksumMode = mode;
        return this;
    }

    /**
     * Leaves out {@code If-None-Match: *}; see {@link S3StoreConfig#conditionalWrites()}.
     *
     * @return this builder
     */
    public S3StoreConfigBuilder withoutConditionalWrites() {
        this.conditionalWrites = false;
        return this;
    }

    /**
     * Sets how long a connection may take to open.
     *
     * @param value more than 0 and at most 1h
     * @return this builder
     */
    public S3StoreConfigBuilder connectTimeout(Duration value) {
        this.connectTimeout = value;
        return this;
    }

    /**
     * Sets the longest silence on a connection.
     *
     * @param value more than 0 and at most 1h
     * @return this builder
     */
    public S3StoreConfigBuilder readTimeout(Duration value) {
        this.readTimeout = value;
        return this;
    }

    /**
     * Sets the retries of a failed request.
     *
     * @param value 0 to 20
     * @return this builder
     */
    public S3StoreConfigBuilder retries(int value) {
        this.retries = value;
        return this;
    }

    /**
     * Sets how long {@code close()} lets running adds finish; see {@link S3StoreConfig#closeTimeout()}.
     *
     * @param value more than 0 and at most 1h
     * @return this builder
     */
    public S3StoreConfigBuilder closeTimeout(Duration value) {
        this.closeTimeout = value;
        return this;
    }

    /**
     * Has opening the store abort the multipart uploads under its prefix this old; see {@link S3StaleUploads}.
     *
     * @param value more than 0
     * @return this builder
     */
    public S3StoreConfigBuilder abortUploadsOlderThan(Duration value) {
        this.abortUploadsOlderThan = value;
        return this;
    }

    /**
     * The config.
     *
     * @return the config
     * @throws IllegalArgumentException naming the key, for a missing bucket or a value out of range
     */
    public S3StoreConfig build() {
        return new S3StoreConfig(this);
    }
}
