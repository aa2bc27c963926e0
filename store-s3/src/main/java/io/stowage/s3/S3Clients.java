package io.stowage.s3;

import io.stowage.ConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client for an {@link S3Connection}. */
final class S3Clients {
    /** The region signed for when an endpoint override is set and no region is configured. */
    static final String DEFAULT_ENDPOINT_REGION = "us-east-1";

    private S3Clients() {}

    /**
     * @param subject names the owner in messages: "store 'images'", "download handler 's3'"
     */
    static S3Client create(S3Connection connection, String subject) throws ConfigurationException {
        Region region = region(connection, subject);
        S3ClientBuilder builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials(connection))
                .forcePathStyle(connection.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(connection.connectTimeout())
                        .socketTimeout(connection.readTimeout())
                        .maxConnections(connection.maxConnections()))
                .overrideConfiguration(override -> override.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(connection.retries() + 1)
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
            throw new ConfigurationException("The S3 client of " + subject + " could not be created: "
                    + e.getClass().getSimpleName());
        }
    }

    private static Region region(S3Connection connection, String subject) throws ConfigurationException {
        if (connection.region().isPresent()) {
            return Region.of(connection.region().get());
        }
        if (connection.endpoint().isPresent()) {
            return Region.of(DEFAULT_ENDPOINT_REGION);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new ConfigurationException("Invalid configuration of " + subject + ": key 'region' is not set and the"
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
