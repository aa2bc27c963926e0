package io.stowage.s3;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
 * form that names another service is refused, never followed. {@link #toString()} never shows the keys.
 *
 * @param region null when not configured (see {@link S3StoreConfig})
 * @param endpoint null for AWS
 * @param accessKey null to use the SDK's default credentials chain
 * @param secretKey null to use the SDK's default credentials chain
 */
public record S3DownloadHandlerConfig(
        List<String> buckets,
        String region,
        String endpoint,
        Boolean pathStyle,
        String accessKey,
        String secretKey,
        Integer concurrency,
        Long chunkSize,
        S3ChecksumMode checksumMode,
        @JsonDeserialize(using = DurationText.class) Duration connectTimeout,
        @JsonDeserialize(using = DurationText.class) Duration readTimeout,
        Integer retries) {

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 64;
    public static final long DEFAULT_CHUNK_SIZE = 8 * S3StoreConfig.MIB;
    public static final long MIN_CHUNK_SIZE = 64 * 1024;
    public static final long MAX_CHUNK_SIZE = 5L * 1024 * S3StoreConfig.MIB;

    public S3DownloadHandlerConfig {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
        for (String bucket : buckets) {
            S3ConfigRules.bucket(bucket, "buckets[]");
        }
        region = S3ConfigRules.region(region);
        URI endpointUri = S3ConfigRules.endpoint(endpoint);
        endpoint = endpointUri == null ? null : endpointUri.toString();
        pathStyle = pathStyle != null && pathStyle;
        S3ConfigRules.keys(accessKey, secretKey);
        concurrency = S3ConfigRules.range(concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY, "concurrency");
        chunkSize = S3ConfigRules.range(chunkSize, DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, "chunkSize");
        checksumMode = checksumMode == null ? S3ChecksumMode.SDK_DEFAULT : checksumMode;
        connectTimeout = S3ConfigRules.timeout(connectTimeout, S3StoreConfig.DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        readTimeout = S3ConfigRules.timeout(readTimeout, S3StoreConfig.DEFAULT_READ_TIMEOUT, "readTimeout");
        retries = S3ConfigRules.retries(retries, S3StoreConfig.DEFAULT_RETRIES);
    }

    /** A handler config for AWS with every key at its default. */
    public static S3DownloadHandlerConfig defaults() {
        return new S3DownloadHandlerConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Optional<URI> endpointUri() {
        return Optional.ofNullable(endpoint).map(URI::create);
    }

    S3Connection connection() {
        Optional<StaticKeys> keys = accessKey == null ? Optional.empty() : Optional.of(new StaticKeys(accessKey, secretKey));
        return new S3Connection(Optional.ofNullable(region), endpointUri(), pathStyle, keys, checksumMode, connectTimeout,
                readTimeout, retries, Math.max(S3StoreConfig.DEFAULT_MAX_CONNECTIONS, concurrency * 2));
    }

    @Override
    public String toString() {
        return "S3DownloadHandlerConfig[buckets=" + buckets + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + ", accessKey=" + S3ConfigRules.masked(accessKey)
                + ", secretKey=" + S3ConfigRules.masked(secretKey) + ", concurrency=" + concurrency
                + ", chunkSize=" + chunkSize + ", checksumMode=" + checksumMode + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retries=" + retries + "]";
    }
}
