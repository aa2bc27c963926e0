package io.stowage.s3;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
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
 * bytes, whatever the object size and whether it is known. Immutable; built from settings
 * ({@link #from}) or in code ({@link #builder}), which validate alike. {@link #toString()} never
 * shows the keys.
 */
public final class S3StoreConfig {
    /** One mebibyte. */
    public static final long MIB = 1024 * 1024;
    /** S3's smallest part (except the last). */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** Parts and the single-PUT buffer are byte arrays, so they stay well below 2 GiB. */
    public static final long MAX_BUFFER = 1024 * MIB;
    /** The size above which an add goes up in parts, by default. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 8 * MIB;
    /** The size of a part, by default. */
    public static final long DEFAULT_PART_SIZE = 8 * MIB;
    /** Parts uploaded at once per add, by default. */
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 4;
    /** The most parts {@code uploadConcurrency} may allow. */
    public static final int MAX_UPLOAD_CONCURRENCY = 64;
    /** HTTP connections to the service, by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    /** The most connections {@code maxConnections} may allow. */
    public static final int MAX_CONNECTIONS = 1000;
    /** How long a connection may take to open, by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest silence on a connection, by default. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Retries of a failed request, by default. */
    public static final int DEFAULT_RETRIES = 3;
    /** How long {@code close()} lets running adds finish, by default. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final String[] KEYS = {"bucket", "prefix", "region", "endpoint", "pathStyle", "accessKey", "secretKey",
        "createBucket", "multipartThreshold", "partSize", "uploadConcurrency", "maxConnections", "checksumMode",
        "conditionalWrites", "connectTimeout", "readTimeout", "retries", "closeTimeout", "abortUploadsOlderThan"};

    private final String bucket;
    private final String prefix;
    private final Optional<String> region;
    private final Optional<URI> endpoint;
    private final boolean pathStyle;
    private final String accessKey;
    private final String secretKey;
    private final boolean createBucket;
    private final long multipartThreshold;
    private final long partSize;
    private final int uploadConcurrency;
    private final int maxConnections;
    private final S3ChecksumMode checksumMode;
    private final boolean conditionalWrites;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int retries;
    private final Duration closeTimeout;
    private final Optional<Duration> staleUploadAge;

    S3StoreConfig(S3StoreConfigBuilder b) {
        bucket = S3ConfigRules.bucket(b.bucket, "bucket");
        prefix = prefix(b.prefix);
        region = Optional.ofNullable(S3ConfigRules.region(b.region));
        endpoint = Optional.ofNullable(S3ConfigRules.endpoint(b.endpoint));
        pathStyle = b.pathStyle;
        S3ConfigRules.keys(b.accessKey, b.secretKey);
        accessKey = b.accessKey;
        secretKey = b.secretKey;
        createBucket = b.createBucket;
        multipartThreshold = S3ConfigRules.range(b.multipartThreshold, DEFAULT_MULTIPART_THRESHOLD, 0, MAX_BUFFER,
                "multipartThreshold");
        partSize = S3ConfigRules.range(b.partSize, DEFAULT_PART_SIZE, MIN_PART_SIZE, MAX_BUFFER, "partSize");
        uploadConcurrency = S3ConfigRules.range(b.uploadConcurrency, DEFAULT_UPLOAD_CONCURRENCY, 1,
                MAX_UPLOAD_CONCURRENCY, "uploadConcurrency");
        maxConnections = S3ConfigRules.range(b.maxConnections, Math.max(DEFAULT_MAX_CONNECTIONS, uploadConcurrency + 1),
                uploadConcurrency + 1, MAX_CONNECTIONS, "maxConnections (at least uploadConcurrency + 1)");
        checksumMode = b.checksumMode == null ? S3ChecksumMode.SDK_DEFAULT : b.checksumMode;
        conditionalWrites = b.conditionalWrites;
        connectTimeout = S3ConfigRules.timeout(b.connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        readTimeout = S3ConfigRules.timeout(b.readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
        retries = S3ConfigRules.retries(b.retries, DEFAULT_RETRIES);
        closeTimeout = S3ConfigRules.timeout(b.closeTimeout, DEFAULT_CLOSE_TIMEOUT, "closeTimeout");
        if (b.abortUploadsOlderThan != null && (b.abortUploadsOlderThan.isZero() || b.abortUploadsOlderThan.isNegative())) {
            throw new IllegalArgumentException("abortUploadsOlderThan must be more than 0");
        }
        staleUploadAge = Optional.ofNullable(b.abortUploadsOlderThan);
    }

    /**
     * A builder for a config of {@code bucket} with every other key at its default.
     *
     * @param bucket the bucket
     * @return the builder
     */
    public static S3StoreConfigBuilder builder(String bucket) {
        return new S3StoreConfigBuilder(bucket);
    }

    /**
     * The config in a store's settings.
     *
     * @param settings the store's settings
     * @return the config
     * @throws InvalidConfigurationException naming the store and the key, for an unknown key or a bad value
     */
    public static S3StoreConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys(KEYS);
        S3StoreConfigBuilder b = new S3StoreConfigBuilder(settings.string("bucket").orElse(null));
        b.prefix = settings.string("prefix").orElse(null);
        b.region = settings.string("region").orElse(null);
        b.endpoint = settings.string("endpoint").orElse(null);
        b.pathStyle = settings.flag("pathStyle").orElse(false);
        b.accessKey = settings.string("accessKey").orElse(null);
        b.secretKey = settings.string("secretKey").orElse(null);
        b.createBucket = settings.flag("createBucket").orElse(false);
        settings.longInteger("multipartThreshold").ifPresent(b::multipartThreshold);
        settings.longInteger("partSize").ifPresent(b::partSize);
        settings.integer("uploadConcurrency").ifPresent(b::uploadConcurrency);
        settings.integer("maxConnections").ifPresent(b::maxConnections);
        b.checksumMode = S3ConfigRules.checksumMode(settings);
        b.conditionalWrites = settings.flag("conditionalWrites").orElse(true);
        b.connectTimeout = S3ConfigRules.duration(settings, "connectTimeout");
        b.readTimeout = S3ConfigRules.duration(settings, "readTimeout");
        settings.integer("retries").ifPresent(b::retries);
        b.closeTimeout = S3ConfigRules.duration(settings, "closeTimeout");
        b.abortUploadsOlderThan = S3ConfigRules.duration(settings, "abortUploadsOlderThan");
        return settings.build(b::build);
    }

    /** {@return the bucket the store keeps its objects in} */
    public String bucket() {
        return bucket;
    }

    /** {@return the key prefix of the store's objects (keys are {@code prefix/id}), without a trailing {@code /}; empty for the bucket root} */
    public String prefix() {
        return prefix;
    }

    /** {@return the AWS region, or empty for the SDK's region chain (us-east-1 with an endpoint)} */
    public Optional<String> region() {
        return region;
    }

    /** {@return the S3-compatible server ({@code scheme://host[:port]}) to talk to instead of AWS, or empty for AWS} */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** {@return whether the bucket is addressed in the path ({@code http://host/bucket/key}) rather than the host name} */
    public boolean pathStyle() {
        return pathStyle;
    }

    /** {@return whether static keys are configured; without them the SDK's default credentials chain is used} */
    public boolean hasStaticKeys() {
        return accessKey != null;
    }

    /** {@return whether a missing bucket is created when the store opens} */
    public boolean createBucket() {
        return createBucket;
    }

    /** {@return the size in bytes above which an add goes up in parts} */
    public long multipartThreshold() {
        return multipartThreshold;
    }

    /** {@return the size in bytes of each part of a multipart upload} */
    public long partSize() {
        return partSize;
    }

    /** {@return how many parts one add uploads at once} */
    public int uploadConcurrency() {
        return uploadConcurrency;
    }

    /** {@return how many HTTP connections to the service the store holds, shared by all calls} */
    public int maxConnections() {
        return maxConnections;
    }

    /** {@return when the client adds request checksums and validates response checksums} */
    public S3ChecksumMode checksumMode() {
        return checksumMode;
    }

    /**
     * {@return whether writes carry {@code If-None-Match: *}} It makes racing adds of one id safe; it is
     * off only for a server that refuses the header, and duplicates are then found by a HEAD before
     * the write, which two racing adds can both pass.
     */
    public boolean conditionalWrites() {
        return conditionalWrites;
    }

    /** {@return how long a connection may take to open} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return the longest silence on a connection} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return the retries of a failed request, and the resumes of a broken read} */
    public int retries() {
        return retries;
    }

    /**
     * {@return how long {@code close()} waits for running adds before it stops them} It waits as long
     * again for the stopped adds to abort their multipart uploads before it aborts them itself.
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * {@return the age past which opening the store aborts the multipart uploads under its prefix}
     * Uploads with a part as recent are kept ({@code abortUploadsOlderThan}, see {@link S3StaleUploads}).
     * Empty to leave them to an explicit sweep or the bucket's lifecycle rule.
     */
    public Optional<Duration> staleUploadAge() {
        return staleUploadAge;
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    Optional<StaticKeys> staticKeys() {
        return accessKey == null ? Optional.empty() : Optional.of(new StaticKeys(accessKey, secretKey));
    }

    S3Connection connection() {
        return new S3Connection(region, endpoint, pathStyle, staticKeys(), checksumMode, connectTimeout,
                readTimeout, retries, maxConnections);
    }

    /** {@return a builder holding this config's values} */
    public S3StoreConfigBuilder toBuilder() {
        S3StoreConfigBuilder b = new S3StoreConfigBuilder(bucket);
        b.prefix = prefix;
        b.region = region.orElse(null);
        b.endpoint = endpoint.map(URI::toString).orElse(null);
        b.pathStyle = pathStyle;
        b.accessKey = accessKey;
        b.secretKey = secretKey;
        b.createBucket = createBucket;
        b.multipartThreshold = multipartThreshold;
        b.partSize = partSize;
        b.uploadConcurrency = uploadConcurrency;
        b.maxConnections = maxConnections;
        b.checksumMode = checksumMode;
        b.conditionalWrites = conditionalWrites;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.retries = retries;
        b.closeTimeout = closeTimeout;
        b.abortUploadsOlderThan = staleUploadAge.orElse(null);
        return b;
    }

    /** The settings with the keys masked. */
    @Override
    public String toString() {
        return "S3StoreConfig[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region.orElse(null)
                + ", endpoint=" + endpoint.orElse(null)
                + ", pathStyle=" + pathStyle + ", accessKey=" + S3ConfigRules.masked(accessKey)
                + ", secretKey=" + S3ConfigRules.masked(secretKey) + ", createBucket=" + createBucket
                + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize
                + ", uploadConcurrency=" + uploadConcurrency + ", maxConnections=" + maxConnections
                + ", checksumMode=" + checksumMode
                + ", conditionalWrites=" + conditionalWrites + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retries=" + retries + ", closeTimeout=" + closeTimeout
                + ", abortUploadsOlderThan=" + staleUploadAge.orElse(null) + "]";
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
}
