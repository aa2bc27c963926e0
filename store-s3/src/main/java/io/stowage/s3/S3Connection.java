package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How to reach an S3 service: what the store and the download handler share. */
record S3Connection(
        Optional<String> region,
        Optional<URI> endpoint,
        boolean pathStyle,
        Optional<StaticKeys> keys,
        S3ChecksumMode checksumMode,
        Duration connectTimeout,
        Duration readTimeout,
        int retries,
        int maxConnections) {

    S3Connection {
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(keys, "keys is null");
        requireNonNull(checksumMode, "checksumMode is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
    }
}
