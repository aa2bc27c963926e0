package io.stowage.s3;

import io.stowage.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Aborts a multipart upload whose parts have stopped, and again while parts of it still show,
 * as S3 asks (a part arriving when the abort came may survive it; ListParts shows it). The
 * thread's interrupt is set aside meanwhile, so that the SDK sends the abort, and restored.
 */
final class UploadAbort {
    static final String NO_SUCH_UPLOAD = "NoSuchUpload";
    private static final int ABORTS = 3;

    private UploadAbort() {}

    /** Failures are attached to {@code primary}, the error the abort is cleaning up after. */
    static void abort(S3Client client, S3Address address, String uploadId, Throwable primary) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 0; attempt < ABORTS; attempt++) {
                try {
                    client.abortMultipartUpload(request -> request
                            .bucket(address.bucket())
                            .key(address.key())
                            .uploadId(uploadId));
                } catch (SdkException e) {
                    if (!(S3Errors.status(e) == S3Errors.NOT_FOUND && NO_SUCH_UPLOAD.equals(S3Errors.code(e)))) {
                        primary.addSuppressed(new StoreException("Aborting the multipart upload of " + address
                                + " failed; the upload may be left behind: " + S3Errors.code(e), e));
                    }
                    return;
                } catch (RuntimeException e) {
                    primary.addSuppressed(S3Errors.translate(e, "abort the multipart upload of", address));
                    return;
                }
                if (!partsShow(client, address, uploadId)) {
                    return;
                }
            }
            primary.addSuppressed(new StoreException("Parts of the multipart upload of " + address + " still showed after "
                    + ABORTS + " aborts; the upload may be left behind"));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether ListParts names parts of the upload (a gone upload: an error, or no parts on some servers). */
    private static boolean partsShow(S3Client client, S3Address address, String uploadId) {
        try {
            return !client.listParts(request -> request.bucket(address.bucket()).key(address.key()).uploadId(uploadId))
                    .parts().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
