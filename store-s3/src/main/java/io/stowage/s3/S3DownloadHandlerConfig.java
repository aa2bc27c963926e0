package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The config of the {@code s3} download handler, under {@code direct-download.handlers.s3}:
 *
 * <pre>
 * direct-download:
 *   allowed-schemes: [s3]
 *   handlers:
 *     s3:
 *       buckets: [images]                  # the buckets it may read; empty: any the credentials reach
 *       endpoint: "http://127.0.0.1:9000"  # default: AWS
 *       region: us-east-1
 *       pathStyle: true
 *       accessKey: "${S3_ACCESS_KEY}"      # default: the SDK's default credentials chain
 *       secretKey: "${S3_SECRET_KEY}"
 *       concurrency: 4                     # ranged GETs at once per download
 *       chunkSize: 8388608                 # bytes per ranged GET
 *       checksumMode: sdk-default
 *       connectTimeout: 10s
 *       readTimeout: 60s
 *       retries: 3
 * </pre>
 *
 * The handler only ever talks to its configured endpoint: a location read from a legacy Glance
 * form that names another service is refused, never followed. Immutable; built from settings
 * ({@link #from}) or in code ({@link #builder()}), which validate alike. {@link #toString()} never
 * shows the keys.
 */
public final class S3DownloadHandlerConfig {
    /** Ranged GETs at once per download, by default. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** The most ranged GETs {@code concurrency} may allow. */
    public static final int MAX_CONCURRENCY = 64;
    /** Bytes per ranged GET, by default. */
    public static final long DEFAULT_CHUNK_SIZE = 8 * S3StoreConfig.MIB;
    /** The smallest {@code chunkSize}. */
    public static final long MIN_CHUNK_SIZE = 64 * 1024;
    /** The largest {@code chunkSize}. */
    public static final long MAX_CHUNK_SIZE = 5L * 1024 * S3StoreConfig.MIB;
    private static final String[] KEYS = {"buckets", "region", "endpoint", "pathStyle", "accessKey", "secretKey",
        "concurrency", "chunkSize", "checksumMode", "connectTimeout", "readTimeout", "retries"};

    private final List<String> buckets;
    private final Optional<String> region;
    private final Optional<URI> endpoint;
    private final boolean pathStyle;
    private final String accessKey;
    private final String secretKey;
    private final int concurrency;
    private final long chunkSize;
    private final S3ChecksumMode checksumMode;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int retries;

    private S3DownloadHandlerConfig(Builder b) {
        for (String bucket : b.buckets) {
            S3ConfigRules.bucket(bucket, "buckets[]");
        }
        buckets = List.copyOf(b.buckets);
        region = Optional.ofNullable(S3ConfigRules.region(b.region));
        endpoint = Optional.ofNullable(S3ConfigRules.endpoint(b.endpoint));
        pathStyle = b.pathStyle;
        S3ConfigRules.keys(b.accessKey, b.secretKey);
        accessKey = b.accessKey;
        secretKey = b.secretKey;
        concurrency = S3ConfigRules.range(b.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY, "concurrency");
        chunkSize = S3ConfigRules.range(b.chunkSize, DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, "chunkSize");
        checksumMode = b.checksumMode == null ? S3ChecksumMode.SDK_DEFAULT : b.checksumMode;
        connectTimeout = S3ConfigRules.timeout(b.connectTimeout, S3StoreConfig.DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        readTimeout = S3ConfigRules.timeout(b.readTimeout, S3StoreConfig.DEFAULT_READ_TIMEOUT, "readTimeout");
        retries = S3ConfigRules.retries(b.retries, S3StoreConfig.DEFAULT_RETRIES);
    }

    /**
     * A handler config for AWS with every key at its default.
     *
     * @return the config
     */
    public static S3DownloadHandlerConfig defaults() {
        return builder().build();
    }

    /**
     * A builder starting from every key at its default.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The config in the handler's settings.
     *
     * @param settings the settings under {@code direct-download.handlers.s3}
     * @return the config
     * @throws InvalidConfigurationException naming the key, for an unknown key or a bad value
     */
    public static S3DownloadHandlerConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys(KEYS);
        Builder b = builder();
        settings.strings("buckets").ifPresent(b::buckets);
        b.region = settings.string("region").orElse(null);
        b.endpoint = settings.string("endpoint").orElse(null);
        b.pathStyle = settings.flag("pathStyle").orElse(false);
        b.accessKey = settings.string("accessKey").orElse(null);
        b.secretKey = settings.string("secretKey").orElse(null);
        settings.integer("concurrency").ifPresent(b::concurrency);
        settings.longInteger("chunkSize").ifPresent(b::chunkSize);
        b.checksumMode = S3ConfigRules.checksumMode(settings);
        b.connectTimeout = S3ConfigRules.duration(settings, "connectTimeout");
        b.readTimeout = S3ConfigRules.duration(settings, "readTimeout");
        settings.integer("retries").ifPresent(b::retries);
        return settings.build(b::build);
    }

    /**
     * The buckets the handler may read.
     *
     * @return the buckets; empty for any the credentials reach
     */
    public List<String> buckets() {
        return buckets;
    }

    /**
     * The S3-compatible server the handler talks to instead of AWS.
     *
     * @return the endpoint, or empty for AWS
     */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /**
     * The AWS region.
     *
     * @return the region, or empty for the SDK's region chain
     */
    public Optional<String> region() {
        return region;
    }

    /**
     * Whether the bucket is addressed in the path rather than the host name.
     *
     * @return whether path-style addressing is on
     */
    public boolean pathStyle() {
        return pathStyle;
    }

    /**
     * Whether static keys are configured; without them the SDK's default credentials chain is used.
     *
     * @return whether {@code accessKey} and {@code secretKey} are set
     */
    public boolean hasStaticKeys() {
        return accessKey != null;
    }

    /**
     * When the client adds request checksums and validates response checksums.
     *
     * @return the mode
     */
    public S3ChecksumMode checksumMode() {
        return checksumMode;
    }

    /**
     * How long a connection may take to open.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The longest silence on a connection.
     *
     * @return the timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Ranged GETs at once per download.
     *
     * @return the concurrency
     */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Bytes per ranged GET.
     *
     * @return the chunk size
     */
    public long chunkSize() {
        return chunkSize;
    }

    /**
     * Retries of a failed request, and resumes of a broken chunk.
     *
     * @return the retries
     */
    public int retries() {
        return retries;
    }

    S3Connection connection() {
        Optional<StaticKeys> keys = accessKey == null ? Optional.empty() : Optional.of(new StaticKeys(accessKey, secretKey));
        return new S3Connection(region, endpoint, pathStyle, keys, checksumMode, connectTimeout,
                readTimeout, retries, Math.max(S3StoreConfig.DEFAULT_MAX_CONNECTIONS, concurrency * 2));
    }

    /** The settings with the keys masked. */
    @Override
    public String toString() {
        return "S3DownloadHandlerConfig[buckets=" + buckets + ", region=" + region.orElse(null) + ", endpoint="
                + endpoint.orElse(null) + ", pathStyle=" + pathStyle + ", accessKey=" + S3ConfigRules.masked(accessKey)
                + ", secretKey=" + S3ConfigRules.masked(secretKey) + ", concurrency=" + concurrency
                + ", chunkSize=" + chunkSize + ", checksumMode=" + checksumMode + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retries=" + retries + "]";
    }

    /** Builds a handler config in code; keys not set take their defaults, and {@link #build()} validates. */
    public static final class Builder {
        private List<String> buckets = List.of();
        private String region;
        private String endpoint;
        private boolean pathStyle;
        private String accessKey;
        private String secretKey;
        private Integer concurrency;
        private Long chunkSize;
        private S3ChecksumMode checksumMode;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Integer retries;

        private Builder() {}

        /**
         * Sets the buckets the handler may read.
         *
         * @param names bucket names
         * @return this builder
         */
        public Builder buckets(List<String> names) {
            this.buckets = requireNonNull(names, "names is null");
            return this;
        }

        /**
         * Sets the AWS region.
         *
         * @param name the region
         * @return this builder
         */
        public Builder region(String name) {
            this.region = requireNonNull(name, "name is null");
            return this;
        }

        /**
         * Talks to an S3-compatible server instead of AWS.
         *
         * @param url {@code scheme://host[:port]}
         * @return this builder
         */
        public Builder endpoint(String url) {
            this.endpoint = requireNonNull(url, "url is null");
            return this;
        }

        /**
         * Addresses the bucket in the path rather than the host name.
         *
         * @return this builder
         */
        public Builder pathStyle() {
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
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKey = requireNonNull(accessKeyId, "accessKeyId is null");
            this.secretKey = requireNonNull(secretAccessKey, "secretAccessKey is null");
            return this;
        }

        /**
         * Sets the ranged GETs at once per download.
         *
         * @param value 1 to {@value S3DownloadHandlerConfig#MAX_CONCURRENCY}
         * @return this builder
         */
        public Builder concurrency(int value) {
            this.concurrency = value;
            return this;
        }

        /**
         * Sets the bytes per ranged GET.
         *
         * @param bytes {@value S3DownloadHandlerConfig#MIN_CHUNK_SIZE} to {@value S3DownloadHandlerConfig#MAX_CHUNK_SIZE}
         * @return this builder
         */
        public Builder chunkSize(long bytes) {
            this.chunkSize = bytes;
            return this;
        }

        /**
         * Sets when the client adds and validates checksums.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder checksumMode(S3ChecksumMode mode) {
            this.checksumMode = requireNonNull(mode, "mode is null");
            return this;
        }

        /**
         * Sets how long a connection may take to open.
         *
         * @param value the timeout, more than 0 and at most 1h
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requireNonNull(value, "value is null");
            return this;
        }

        /**
         * Sets the longest silence on a connection.
         *
         * @param value the timeout, more than 0 and at most 1h
         * @return this builder
         */
        public Builder readTimeout(Duration value) {
            this.readTimeout = requireNonNull(value, "value is null");
            return this;
        }

        /**
         * Sets the retries of a failed request.
         *
         * @param value 0 to 20
         * @return this builder
         */
        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        /**
         * The config.
         *
         * @return the config
         * @throws IllegalArgumentException naming the key, for a value out of range
         */
        public S3DownloadHandlerConfig build() {
            return new S3DownloadHandlerConfig(this);
        }
    }
}
