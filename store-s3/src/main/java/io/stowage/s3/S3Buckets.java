package io.stowage.s3;

import io.stowage.InvalidConfigurationException;
import io.stowage.StoreException;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Checks, when a store is created, that its bucket is there, creating it when configured to. */
final class S3Buckets {
    private S3Buckets() {}

    static void ensure(S3Client client, String bucket, boolean create, String subject) throws StoreException {
        try {
            client.headBucket(request -> request.bucket(bucket));
            return;
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            if (status == 403) {
                throw new InvalidConfigurationException("Invalid configuration of " + subject + ": access to bucket '"
                        + bucket + "' is denied (check the credentials: keys 'accessKey' and 'secretKey')");
            }
            if (status != S3Errors.NOT_FOUND) {
                throw failure(S3Errors.translate(e, "reach bucket '" + bucket + "' of", subject));
            }
        }
        if (!create) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ", key 'bucket': bucket '"
                    + bucket + "' does not exist (set createBucket: true to create it)");
        }
        try {
            client.createBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            String code = S3Errors.code(e);
            if (!code.equals("BucketAlreadyOwnedByYou") && !code.equals("BucketAlreadyExists")) {
                throw failure(S3Errors.translate(e, "create bucket '" + bucket + "' of", subject));
            }
        }
    }

    private static StoreException failure(IOException translated) {
        return translated instanceof StoreException store
                ? store
                : new StoreException(translated.getMessage(), translated);
    }
}
