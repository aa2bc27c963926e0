package io.stowage.s3;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The config of an {@code s3} store:
 *
 * <pre>
 * images:
 *   type: s3
 *   bucket: images                       # required
 *   prefix: glance                       # keys are prefix/id; default: the bucket root
 *   region: us-east-1                    # default: the SDK's region chain, or us-east-1 with an endpoint
 *   endpoint: "http://127.0.0.1:9000"    # S3-compatible server; default: AWS
 *   pathStyle: true                      # bucket in the path, not the host name
 *   accessKey: "${S3_ACCESS_KEY}"        # static keys, from the environment;
 *   secretKey: "${S3_SECRET_KEY}"        #   default: the SDK's default credentials chain
 *   createBucket: false                  # create the bucket when it is missing
 *   multipartThreshold: 8388608          # bytes; larger objects go up in parts
 *   partSize: 8388608                    # bytes, at least 5 MiB
 *   uploadConcurrency: 4                 # parts uploaded at once per add
 *   maxConnections: 50                   # HTTP connections to the service, shared by all calls
 *   checksumMode: sdk-default            # or when-required, for servers that refuse the SDK's checksums
 *   conditionalWrites: true              # If-None-Match: * on writes; false only for servers without it
 *   connectTimeout: 10s
 *   readTimeout: 60s                     # longest silence on a connection
 *   retries: 3                           # retries of a failed request, and resumes of a broken read
 *   closeTimeout: 30s                    # how long close() lets running adds finish, then again to abort them
 *   abortUploadsOlderThan: 168h          # on open, abort multipart uploads under the prefix this old; default: none
 * </pre>
 *
 * <p>Memory per {@code add} is at most about {@code multipartThreshold + partSize × (uploadConcurrency + 1)}
 * bytes, whatever the object size and whether it is known. Keys that are not set are {@code null}
 * in the record only where noted; the optional values are read through {@link #regionName()},
 * {@link #endpointUri()} and {@link #staticKeys()}. {@link #toString()} never shows the keys.
 *
 * @param region the AWS region; null when not configured
 * @param endpoint the endpoint override, normalised to {@code scheme://host[:port]}; null for AWS
 * @param accessKey the static access key id; null to use the SDK's default credentials chain
 * @param secretKey the static secret key; null to use the SDK's default credentials chain
 * @param closeTimeout how long {@code close()} waits for running adds before it stops them, and then
 *     for the stopped adds to abort their multipart uploads before it aborts them itself
 * @param abortUploadsOlderThan when set, opening the store aborts the multipart uploads under its
 *     prefix initiated longer ago than this and without a part as recent (see {@link S3StaleUploads});
 *     null to leave them to an explicit sweep or the bucket's lifecycle rule
 * @param conditionalWrites whether writes carry {@code If-None-Match: *}, which makes racing adds of
 *     one id safe. Turn it off only for a server that refuses the header (it answers "not
 *     implemented"); duplicates are then found by a HEAD before the write, which two racing adds can both pass.
 */
public record S3StoreConfig(
        String bucket,
        String prefix,
        String region,
        String endpoint,
        Boolean pathStyle,
        String accessKey,
        String secretKey,
        Boolean createBucket,
        Long multipartThreshold,
        Long partSize,
        Integer uploadConcurrency,
        Integer maxConnections,
        S3ChecksumMode checksumMode,
        Boolean conditionalWrites,
        @JsonDeserialize(using = DurationText.class) Duration connectTimeout,
        @JsonDeserialize(using = DurationText.class) Duration readTimeout,
        Integer retries,
        @JsonDeserialize(using = DurationText.class) Duration closeTimeout,
        @JsonDeserialize(using = DurationText.class) Duration abortUploadsOlderThan) {

    public static final long MIB = 1024 * 1024;
    /** S3's smallest part (except the last). */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** Parts and the single-PUT buffer are byte arrays, so they stay well below 2 GiB. */
    public static final long MAX_BUFFER = 1024 * MIB;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 8 * MIB;
    public static final long DEFAULT_PART_SIZE = 8 * MIB;
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 4;
    public static final int MAX_UPLOAD_CONCURRENCY = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    public static final int MAX_CONNECTIONS = 1000;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    public S3StoreConfig {
        bucket = S3ConfigRules.bucket(bucket, "bucket");
        prefix = prefix(prefix);
        region = S3ConfigRules.region(region);
        URI endpointUri = S3ConfigRules.endpoint(endpoint);
        endpoint = endpointUri == null ? null : endpointUri.toString();
        pathStyle = pathStyle != null && pathStyle;
        S3ConfigRules.keys(accessKey, secretKey);
        createBucket = createBucket != null && createBucket;
        multipartThreshold = S3ConfigRules.range(multipartThreshold, DEFAULT_MULTIPART_THRESHOLD, 0, MAX_BUFFER,
                "multipartThreshold");
        partSize = S3ConfigRules.range(partSize, DEFAULT_PART_SIZE, MIN_PART_SIZE, MAX_BUFFER, "partSize");
        uploadConcurrency = S3ConfigRules.range(uploadConcurrency, DEFAULT_UPLOAD_CONCURRENCY, 1,
                MAX_UPLOAD_CONCURRENCY, "uploadConcurrency");
        maxConnections = S3ConfigRules.range(maxConnections, Math.max(DEFAULT_MAX_CONNECTIONS, uploadConcurrency + 1),
                uploadConcurrency + 1, MAX_CONNECTIONS, "maxConnections (at least uploadConcurrency + 1)");
        checksumMode = checksumMode == null ? S3ChecksumMode.SDK_DEFAULT : checksumMode;
        conditionalWrites = conditionalWrites == null || conditionalWrites;
        connectTimeout = S3ConfigRules.timeout(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        readTimeout = S3ConfigRules.timeout(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
        retries = S3ConfigRules.retries(retries, DEFAULT_RETRIES);
        closeTimeout = S3ConfigRules.timeout(closeTimeout, DEFAULT_CLOSE_TIMEOUT, "closeTimeout");
        if (abortUploadsOlderThan != null && (abortUploadsOlderThan.isZero() || abortUploadsOlderThan.isNegative())) {
            throw new IllegalArgumentException("abortUploadsOlderThan must be more than 0");
        }
    }

    /** The age past which opening the store aborts stale multipart uploads; empty when it does not. */
    public Optional<Duration> staleUploadAge() {
        return Optional.ofNullable(abortUploadsOlderThan);
    }

    /** A config for {@code bucket} with every other key at its default. */
    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    public Optional<String> regionName() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpointUri() {
        return Optional.ofNullable(endpoint).map(URI::create);
    }

    Optional<StaticKeys> staticKeys() {
        return accessKey == null ? Optional.empty() : Optional.of(new StaticKeys(accessKey, secretKey));
    }

    S3Connection connection() {
        return new S3Connection(regionName(), endpointUri(), pathStyle, staticKeys(), checksumMode, connectTimeout,
                readTimeout, retries, maxConnections);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(bucket);
        builder.prefix = prefix;
        builder.region = region;
        builder.endpoint = endpoint;
        builder.pathStyle = pathStyle;
        builder.accessKey = accessKey;
        builder.secretKey = secretKey;
        builder.createBucket = createBucket;
        builder.multipartThreshold = multipartThreshold;
        builder.partSize = partSize;
        builder.uploadConcurrency = uploadConcurrency;
        builder.maxConnections = maxConnections;
        builder.checksumMode = checksumMode;
        builder.conditionalWrites = conditionalWrites;
        builder.connectTimeout = connectTimeout;
        builder.readTimeout = readTimeout;
        builder.retries = retries;
        builder.closeTimeout = closeTimeout;
        builder.abortUploadsOlderThan = abortUploadsOlderThan;
        return builder;
    }

    @Override
    public String toString() {
        return "S3StoreConfig[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + ", accessKey=" + S3ConfigRules.masked(accessKey)
                + ", secretKey=" + S3ConfigRules.masked(secretKey) + ", createBucket=" + createBucket
                + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize
                + ", uploadConcurrency=" + uploadConcurrency + ", maxConnections=" + maxConnections
                + ", checksumMode=" + checksumMode
                + ", conditionalWrites=" + conditionalWrites + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retries=" + retries + ", closeTimeout=" + closeTimeout
                + ", abortUploadsOlderThan=" + abortUploadsOlderThan + "]";
    }

    private static String prefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String trimmed = prefix;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        if (trimmed.length() > 512) {
            throw new IllegalArgumentException("prefix must be at most 512 characters");
        }
        for (String segment : trimmed.split("/", -1)) {
            if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("prefix must be /-separated segments of [A-Za-z0-9._-],"
                        + " not starting with / and without . or .. segments");
            }
        }
        return trimmed;
    }

    /** Builds a config in code; unset keys take their defaults. */
    public static final class Builder {
        private String bucket;
        private String prefix;
        private String region;
        private String endpoint;
        private Boolean pathStyle;
        private String accessKey;
        private String secretKey;
        private Boolean createBucket;
        private Long multipartThreshold;
        private Long partSize;
        private Integer uploadConcurrency;
        private Integer maxConnections;
        private S3ChecksumMode checksumMode;
        private Boolean conditionalWrites;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Integer retries;
        private Duration closeTimeout;
        private Duration abortUploadsOlderThan;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        public Builder bucket(String value) {
            this.bucket = value;
            return this;
        }

        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        /** Addresses the bucket in the path ({@code http://host/bucket/key}) rather than the host name. */
        public Builder pathStyle() {
            this.pathStyle = true;
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKey = accessKeyId;
            this.secretKey = secretAccessKey;
            return this;
        }

        public Builder createBucket() {
            this.createBucket = true;
            return this;
        }

        public Builder multipartThreshold(long bytes) {
            this.multipartThreshold = bytes;
            return this;
        }

        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        public Builder uploadConcurrency(int parts) {
            this.uploadConcurrency = parts;
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        public Builder checksumMode(S3ChecksumMode mode) {
            this.checksumMode = mode;
            return this;
        }

        /** Leaves out {@code If-None-Match: *}; see the record's {@code conditionalWrites}. */
        public Builder withoutConditionalWrites() {
            this.conditionalWrites = false;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        /** How long {@code close()} lets running adds finish; see the record's {@code closeTimeout}. */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = value;
            return this;
        }

        /** Opening the store aborts the multipart uploads under its prefix this old; see {@link S3StaleUploads}. */
        public Builder abortUploadsOlderThan(Duration value) {
            this.abortUploadsOlderThan = value;
            return this;
        }

        public S3StoreConfig build() {
            return new S3StoreConfig(bucket, prefix, region, endpoint, pathStyle, accessKey, secretKey, createBucket,
                    multipartThreshold, partSize, uploadConcurrency, maxConnections, checksumMode, conditionalWrites, connectTimeout,
                    readTimeout, retries, closeTimeout, abortUploadsOlderThan);
        }
    }
}
