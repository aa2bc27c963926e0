package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.ObjectAlreadyExistsException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The requests of an add that must not be retried blindly, so the SDK sends each once (the
 * unretried client) and this class decides: the creation of a multipart upload (a lost answer
 * may have created one: see {@link OrphanSuspects}) and the commit, a PUT or a completion with
 * {@code If-None-Match: *} (a lost answer may have committed: the object then carries our ETag).
 */
final class UploadRequests {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final S3Client client;
    private final S3Client unretried;
    private final S3Address address;
    private final UploadSettings settings;

    /**
     * @param client the client with SDK retries, for HEADs and listings
     * @param unretried the client without SDK retries
     */
    UploadRequests(S3Client client, S3Client unretried, S3Address address, UploadSettings settings) {
        this.client = requireNonNull(client, "client is null");
        this.unretried = requireNonNull(unretried, "unretried is null");
        this.address = requireNonNull(address, "address is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** One attempt at a request. */
    @FunctionalInterface
    interface Attempt {
        void send();
    }

    /** The ETag the object has if our commit made it. */
    @FunctionalInterface
    interface ETagOfOurs {
        String value();
    }

    /**
     * Creates a multipart upload and returns its id. An attempt without an answer, or answered
     * with a 5xx, may have created an upload: {@code suspects} records the candidates before the
     * next attempt.
     */
    String create(OrphanSuspects suspects) throws IOException {
        for (int n = 0; ; n++) {
            long began = System.nanoTime();
            try {
                return unretried.createMultipartUpload(request -> request
                        .bucket(address.bucket())
                        .key(address.key())
                        .contentType(OCTET_STREAM)
                        .checksumAlgorithm(settings.sdkChecksums() ? ChecksumAlgorithm.CRC32 : null)).uploadId();
            } catch (SdkException e) {
                int status = S3Errors.status(e);
                boolean mayHaveCreated = !(e instanceof AwsServiceException) || status >= 500;
                if (S3Errors.isInterruption(e)) {
                    throw S3Errors.translate(e, "add", address);
                }
                if (mayHaveCreated) {
                    suspects.noteSince(began);
                }
                if (!(mayHaveCreated || status == 429) || n >= settings.commitRetries()) {
                    throw S3Errors.translate(e, "add", address);
                }
                backOff(n);
            } catch (RuntimeException e) {
                throw S3Errors.translate(e, "add", address); // a closed client, say
            }
        }
    }

    /**
     * Sends a commit, retrying what may be retried. After an attempt that may have committed (no
     * answer, a 5xx, or a completion answered with a 404 other than {@code goneCode}), a refusal
     * is checked: a 412 is ours if the object now there carries our ETag; a 404 with
     * {@code goneCode} (the upload is gone) means our earlier attempt completed it, since nothing
     * aborts the upload before its completion, even when a concurrent delete has removed the
     * object since. When the retries run out, or the thread is interrupted, after an attempt that
     * may have committed, the object's ETag decides too: the add succeeded if it is ours.
     *
     * @param goneCode the error code of a completion whose upload is gone; null for a single PUT
     */
    void commit(Attempt attempt, ETagOfOurs ours, String goneCode) throws IOException {
        boolean mayHaveCommitted = false;
        for (int n = 0; ; n++) {
            try {
                attempt.send();
                return;
            } catch (SdkException e) {
                int status = S3Errors.status(e);
                boolean completion = goneCode != null;
                boolean gone = completion && status == S3Errors.NOT_FOUND && goneCode.equals(S3Errors.code(e));
                if (mayHaveCommitted && (gone || (status == S3Errors.PRECONDITION_FAILED && committedByUs(ours)))) {
                    return;
                }
                if (status == S3Errors.PRECONDITION_FAILED) {
                    throw new ObjectAlreadyExistsException("Object already exists: " + address, e);
                }
                boolean noAnswer = !(e instanceof AwsServiceException);
                // S3Proxy completes an upload, then fails to read back the object a concurrent delete has just
                // removed, and answers 404 NoSuchKey: the completion may have happened.
                boolean stumbled = completion && status == S3Errors.NOT_FOUND && !gone;
                mayHaveCommitted |= noAnswer || stumbled || status >= 500;
                boolean retryable = noAnswer || stumbled || status >= 500 || status == 429 || status == S3Errors.CONFLICT;
                if (!retryable || n >= settings.commitRetries() || S3Errors.isInterruption(e)) {
                    if (mayHaveCommitted && committedByUs(ours)) {
                        return;
                    }
                    throw S3Errors.translate(e, "add", address);
                }
                backOff(n);
            } catch (RuntimeException e) {
                if (committedByUs(ours)) {
                    return; // the client failed (closed, say) after sending: the object tells
                }
                throw S3Errors.translate(e, "add", address);
            }
        }
    }

    /** Whether the object at the key now carries our ETag; asked with any interrupt set aside, then restored. */
    private boolean committedByUs(ETagOfOurs ours) {
        boolean interrupted = Thread.interrupted();
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(address.bucket()).key(address.key()));
            return head.eTag() != null && head.eTag().toLowerCase(Locale.ROOT).equals(ours.value());
        } catch (RuntimeException e) {
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void backOff(int attempt) throws IOException {
        S3Clients.BACKOFF.pause(attempt, Duration.ZERO, "trying to add " + address);
    }
}
