package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.ObjectAlreadyExistsException;
import io.stowage.StoreException;
import io.stowage.integrity.VerifiedContent;
import io.stowage.integrity.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One {@code add}: reads the verified source once and commits the object only after the whole
 * source passed verification, so nothing wrong is ever visible.
 *
 * <ul>
 *   <li>Up to the multipart threshold the data is buffered (growing as it arrives, never past
 *       the threshold) and sent as one PUT, after the end of the source was read and verified.</li>
 *   <li>Beyond it, a multipart upload: parts of {@code partSize} from a pool of
 *       {@code concurrency + 1} buffers, uploaded in parallel; the completion is sent only after
 *       the end of the source was read and verified.</li>
 *   <li>Every failure after the upload was created — the source throws, a size or checksum
 *       check fails, a part cannot be uploaded, the thread is interrupted, the completion is
 *       refused — waits for the parts in flight and aborts the upload.</li>
 *   <li>Commits carry {@code If-None-Match: *} when conditional writes are on, so of two racing
 *       adds exactly one creates the object. Commits are retried here rather than by the SDK,
 *       to tell a refusal caused by our own earlier, answered-too-late attempt (the object is
 *       there with our ETag) from a real duplicate.</li>
 * </ul>
 */
final class S3Upload {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String NO_SUCH_UPLOAD = "NoSuchUpload";
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final long BACKOFF_BASE_MILLIS = 100;
    private static final long BACKOFF_MAX_MILLIS = 5_000;

    private final S3Client client;
    private final S3Client commitClient;
    private final ExecutorService executor;
    private final S3Address address;
    private final UploadSettings settings;

    /**
     * @param client the client for everything but commits (the SDK retries its requests)
     * @param commitClient a client without SDK retries, for the PUT and the completion
     */
    S3Upload(S3Client client, S3Client commitClient, ExecutorService executor, S3Address address,
            UploadSettings settings) {
        this.client = requireNonNull(client, "client is null");
        this.commitClient = requireNonNull(commitClient, "commitClient is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.address = requireNonNull(address, "address is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Uploads everything {@code in} yields and returns its verified size and checksums. */
    VerifiedContent run(VerifyingInputStream in, OptionalLong expectedSize) throws IOException {
        long threshold = settings.multipartThreshold();
        if (expectedSize.isPresent() && expectedSize.getAsLong() > threshold) {
            return multipart(in, in, settings.partSizeFor(expectedSize.getAsLong()));
        }
        int initial = (int) Math.min(threshold + 1, expectedSize.isPresent() ? expectedSize.getAsLong() + 1 : INITIAL_BUFFER);
        byte[] buffer = new byte[Math.max(initial, 1)];
        int filled = 0;
        while (filled <= threshold) {
            if (filled == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, threshold + 1));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        if (in.isComplete()) {
            putSingle(buffer, filled);
            return in.result();
        }
        InputStream source = new PrefixedInputStream(buffer, filled, in);
        return multipart(source, in, settings.partSize());
    }

    private void putSingle(byte[] data, int length) throws IOException {
        commit(attempt -> commitClient.putObject(request -> request
                        .bucket(address.bucket())
                        .key(address.key())
                        .contentLength((long) length)
                        .contentType(OCTET_STREAM)
                        .ifNoneMatch(settings.conditionalWrites() ? "*" : null)
                        .overrideConfiguration(o -> o.apiCallAttemptTimeout(settings.attemptTimeoutFor(length))),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length, OCTET_STREAM)),
                () -> "\"" + md5Hex(data, length) + "\"", null);
    }

    private VerifiedContent multipart(InputStream source, VerifyingInputStream in, int partSize) throws IOException {
        String uploadId = create();
        List<Future<CompletedPart>> parts = new ArrayList<>();
        List<String> partETags = new ArrayList<>();
        try {
            PartBufferPool pool = new PartBufferPool(partSize, settings.concurrency() + 1);
            while (true) {
                throwFirstFailure(parts);
                byte[] buffer = pool.take();
                int length = readFully(source, buffer);
                if (length == 0) {
                    pool.give(buffer);
                    break;
                }
                if (parts.size() == UploadSettings.MAX_PARTS) {
                    pool.give(buffer);
                    throw new StoreException("Cannot add " + address + ": the data needs more than "
                            + UploadSettings.MAX_PARTS + " parts of " + partSize + " bytes; configure a larger partSize");
                }
                parts.add(submitPart(uploadId, parts.size() + 1, buffer, length, pool));
                if (length < buffer.length) {
                    break;
                }
            }
            if (!in.isComplete()) {
                throw new IllegalStateException("The source of " + address + " ended without being verified");
            }
            if (parts.isEmpty()) {
                throw new IllegalStateException("A multipart upload of " + address + " got no data");
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> part : parts) {
                CompletedPart done = await(part);
                completed.add(done);
                partETags.add(done.eTag());
            }
            complete(uploadId, completed, partETags);
            return in.result();
        } catch (IOException | RuntimeException | Error e) {
            settle(parts, e);
            abort(uploadId, e);
            throw e;
        }
    }

    private String create() throws IOException {
        try {
            return client.createMultipartUpload(request -> request
                    .bucket(address.bucket())
                    .key(address.key())
                    .contentType(OCTET_STREAM)
                    .checksumAlgorithm(settings.sdkChecksums() ? ChecksumAlgorithm.CRC32 : null)).uploadId();
        } catch (SdkException e) {
            throw S3Errors.translate(e, "add", address);
        }
    }

    private Future<CompletedPart> submitPart(String uploadId, int number, byte[] buffer, int length,
            PartBufferPool pool) throws StoreException {
        try {
            return executor.submit(() -> {
                try {
                    UploadPartResponse response = client.uploadPart(request -> request
                                    .bucket(address.bucket())
                                    .key(address.key())
                                    .uploadId(uploadId)
                                    .partNumber(number)
                                    .contentLength((long) length)
                                    .checksumAlgorithm(settings.sdkChecksums() ? ChecksumAlgorithm.CRC32 : null)
                                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(settings.attemptTimeoutFor(length))),
                            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                    OCTET_STREAM));
                    return CompletedPart.builder()
                            .partNumber(number)
                            .eTag(response.eTag())
                            .checksumCRC32(response.checksumCRC32())
                            .build();
                } finally {
                    pool.give(buffer);
                }
            });
        } catch (RejectedExecutionException e) {
            pool.give(buffer);
            throw new StoreException("Cannot add " + address + ": the store is closed", e);
        }
    }

    private void complete(String uploadId, List<CompletedPart> parts, List<String> partETags) throws IOException {
        commit(attempt -> commitClient.completeMultipartUpload(request -> request
                        .bucket(address.bucket())
                        .key(address.key())
                        .uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts))
                        .ifNoneMatch(settings.conditionalWrites() ? "*" : null)),
                () -> compositeETag(partETags), NO_SUCH_UPLOAD);
    }

    @FunctionalInterface
    private interface Attempt {
        void send(int attempt);
    }

    @FunctionalInterface
    private interface ETagOfOurs {
        String value();
    }

    /**
     * Sends a commit, retrying what may be retried. After an attempt that may have committed (no
     * answer, a 5xx, or a completion answered with a 404 other than {@code goneCode}), a refusal
     * is checked: a 412 is ours if the object now there carries our ETag; a 404 with
     * {@code goneCode} (the upload is gone) means our earlier attempt completed it, since nothing
     * aborts the upload before its completion, even when a concurrent delete has removed the
     * object since.
     *
     * @param goneCode the error code of a completion whose upload is gone; null for a single PUT
     */
    private void commit(Attempt attempt, ETagOfOurs ours, String goneCode) throws IOException {
        boolean mayHaveCommitted = false;
        for (int n = 0; ; n++) {
            try {
                attempt.send(n);
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
                boolean retryable = noAnswer || stumbled || status >= 500 || status == 429 || status == S3Errors.CONFLICT;
                if (!retryable || n >= settings.commitRetries() || S3Errors.isInterruption(e)) {
                    throw S3Errors.translate(e, "add", address);
                }
                mayHaveCommitted |= noAnswer || stumbled || status >= 500;
                backOff(n);
            }
        }
    }

    private boolean committedByUs(ETagOfOurs ours) {
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(address.bucket()).key(address.key()));
            return head.eTag() != null && head.eTag().toLowerCase(Locale.ROOT).equals(ours.value());
        } catch (SdkException e) {
            return false;
        }
    }

    private static void backOff(int attempt) throws InterruptedIOException {
        long ceiling = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while retrying a commit");
        }
    }

    private void throwFirstFailure(List<Future<CompletedPart>> parts) throws IOException {
        for (Future<CompletedPart> part : parts) {
            if (part.isDone()) {
                await(part);
            }
        }
    }

    private CompletedPart await(Future<CompletedPart> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while uploading " + address);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SdkException sdk) {
                throw S3Errors.translate(sdk, "add", address);
            }
            if (cause instanceof RuntimeException runtime) {
                throw S3Errors.unexpected("add", address, runtime);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreException("Cannot add " + address + ": " + cause, cause);
        }
    }

    /** Waits for every part still in flight, so that the abort leaves no part behind. */
    private static void settle(List<Future<CompletedPart>> parts, Throwable primary) {
        boolean interrupted = Thread.interrupted();
        try {
            for (Future<CompletedPart> part : parts) {
                try {
                    part.get();
                } catch (ExecutionException e) {
                    // the part's own failure; the primary failure is what the caller sees
                } catch (InterruptedException e) {
                    interrupted = true;
                    primary.addSuppressed(e);
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void abort(String uploadId, Throwable primary) {
        boolean interrupted = Thread.interrupted();
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
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads until {@code buffer} is full or the source ends; returns the bytes read. */
    private static int readFully(InputStream source, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = source.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static String md5Hex(byte[] data, int length) {
        MessageDigest md5 = io.stowage.ChecksumAlgorithm.MD5.newDigest();
        md5.update(data, 0, length);
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The ETag S3 gives a multipart object: the MD5 of the parts' binary MD5s, a dash, the part count. */
    private static String compositeETag(List<String> partETags) {
        MessageDigest md5 = io.stowage.ChecksumAlgorithm.MD5.newDigest();
        for (String eTag : partETags) {
            String hex = eTag == null ? "" : eTag.replace("\"", "").toLowerCase(Locale.ROOT);
            if (hex.length() != 32) {
                return "(not an MD5 ETag)";
            }
            md5.update(HexFormat.of().parseHex(hex));
        }
        return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + partETags.size() + "\"";
    }
}
