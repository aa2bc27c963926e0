package io.stowage.s3;

import io.stowage.InvalidConfigurationException;
import io.stowage.support.Backoff;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The SDK clients for an {@link S3Connection}: one HTTP client (one connection pool of
 * {@code maxConnections}) shared by a client whose requests the SDK retries and a client
 * without SDK retries, for the requests the store retries itself (commits, upload creation).
 * Closed together, the HTTP client once and last: the SDK does not close an HTTP client it was
 * handed.
 */
final class S3Clients implements AutoCloseable {
    /** The region signed for when an endpoint override is set and no region is configured. */
    static final String DEFAULT_ENDPOINT_REGION = "us-east-1";

    /**
     * The pause before the retries the store makes itself (commits, upload creation) and before a
     * broken read is resumed: up to 100 ms × 2^attempt (full jitter), at most 5 s.
     */
    static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));

    private final SdkHttpClient http;
    private final S3Client retrying;
    private final S3Client unretried;

    private S3Clients(SdkHttpClient http, S3Client retrying, S3Client unretried) {
        this.http = http;
        this.retrying = retrying;
        this.unretried = unretried;
    }

    /**
     * @param subject names the owner in messages: "store 'images'", "download handler 's3'"
     */
    static S3Clients open(S3Connection connection, String subject) throws InvalidConfigurationException {
        Region region = region(connection, subject);
        SdkHttpClient http = Apache5HttpClient.builder()
                .connectionTimeout(connection.connectTimeout())
                .socketTimeout(connection.readTimeout())
                .maxConnections(connection.maxConnections())
                .build();
        S3Client retrying = null;
        try {
            retrying = build(connection, region, http, connection.retries(), subject);
            return new S3Clients(http, retrying, build(connection, region, http, 0, subject));
        } catch (InvalidConfigurationException | RuntimeException e) {
            if (retrying != null) {
                retrying.close();
            }
            http.close();
            throw e;
        }
    }

    /** The client whose requests the SDK retries up to the configured {@code retries}. */
    S3Client retrying() {
        return retrying;
    }

    /** The client that sends each request once: the caller decides what may be retried. */
    S3Client unretried() {
        return unretried;
    }

    @Override
    public void close() {
        try {
            unretried.close();
            retrying.close();
        } finally {
            http.close();
        }
    }

    private static S3Client build(S3Connection connection, Region region, SdkHttpClient http, int retries,
            String subject) throws InvalidConfigurationException {
        S3ClientBuilder builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials(connection))
                .forcePathStyle(connection.pathStyle())
                .httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(retries + 1)
                                .build()));
        if (connection.checksumMode() == S3ChecksumMode.WHEN_REQUIRED) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED);
        }
        connection.endpoint().ifPresent(builder::endpointOverride);
        try {
            return builder.build();
        } catch (SdkException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("The S3 client of " + subject + " could not be created: "
                    + e.getClass().getSimpleName());
        }
    }

    private static Region region(S3Connection connection, String subject) throws InvalidConfigurationException {
        if (connection.region().isPresent()) {
            return Region.of(connection.region().get());
        }
        if (connection.endpoint().isPresent()) {
            return Region.of(DEFAULT_ENDPOINT_REGION);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ": key 'region' is not set and the"
                    + " AWS SDK's region chain (AWS_REGION, profile) found none");
        }
    }

    private static AwsCredentialsProvider credentials(S3Connection connection) {
        return connection.keys()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKey(), keys.secretKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
