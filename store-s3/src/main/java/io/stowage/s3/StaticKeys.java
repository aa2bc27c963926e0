package io.stowage.s3;

import static java.util.Objects.requireNonNull;

/** A configured access key pair. {@link #toString()} shows neither key. */
record StaticKeys(String accessKey, String secretKey) {
    StaticKeys {
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
    }

    @Override
    public String toString() {
        return "StaticKeys[***]";
    }
}
