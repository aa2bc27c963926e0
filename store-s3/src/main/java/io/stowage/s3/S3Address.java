package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/** One object in S3: a bucket and a key. Prints as the clean location {@code s3://bucket/key}. */
record S3Address(String bucket, String key) {
    S3Address {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    URI uri() {
        return URI.create("s3://" + bucket + "/" + key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
