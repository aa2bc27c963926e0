package io.stowage.s3;

/**
 * How {@link S3Upload} uploads: the single-PUT threshold, the part size, the parts in flight,
 * whether S3 checksums ride along, whether writes are conditional, and how often a commit
 * (the PUT or the completion) is retried.
 */
record UploadSettings(
        long multipartThreshold,
        int partSize,
        int concurrency,
        boolean sdkChecksums,
        boolean conditionalWrites,
        int commitRetries,
        java.time.Duration readTimeout) {

    /** S3 allows at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;

    UploadSettings {
        if (multipartThreshold < 0 || partSize <= 0 || concurrency <= 0 || commitRetries < 0
                || readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid upload settings");
        }
    }

    static UploadSettings of(S3StoreConfig config) {
        return new UploadSettings(config.multipartThreshold(), Math.toIntExact(config.partSize()),
                config.uploadConcurrency(), config.checksumMode() == S3ChecksumMode.SDK_DEFAULT,
                config.conditionalWrites(), config.retries(), config.readTimeout());
    }

    /**
     * How long one attempt to send {@code bytes} may take before it is abandoned (and retried):
     * the read timeout for each started MiB, plus one. A blocked socket write has no timeout of
     * its own, so without this a stalled connection would hang an upload forever; a connection
     * moving at least a MiB per read timeout is never cut.
     */
    java.time.Duration attemptTimeoutFor(long bytes) {
        long mebibytes = (bytes + S3StoreConfig.MIB - 1) / S3StoreConfig.MIB;
        return readTimeout.multipliedBy(mebibytes + 2);
    }

    /**
     * The part size for an object of a known size: the configured one, or larger when the object
     * would otherwise need more than {@value #MAX_PARTS} parts.
     */
    int partSizeFor(long objectSize) {
        long needed = (objectSize + MAX_PARTS - 1) / MAX_PARTS;
        return (int) Math.min(Math.max(partSize, needed), S3StoreConfig.MAX_BUFFER);
    }
}
