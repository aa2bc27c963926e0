package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.ObjectAlreadyExistsException;
import io.stowage.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One {@code add}: reads the source once and commits the object only after the read that ended
 * it, so that whatever the source throws — the contract decorator's verification raises from its
 * reads, the last included — leaves nothing visible.
 *
 * <ul>
 *   <li>Up to the multipart threshold the data is buffered (growing as it arrives, never past
 *       the threshold) and sent as one PUT, after the end of the source was read.</li>
 *   <li>Beyond it, a multipart upload: parts of {@code partSize} from a pool of
 *       {@code concurrency + 1} buffers, uploaded in parallel; the completion is sent only after
 *       the end of the source was read.</li>
 *   <li>Every failure after the upload was created — the source throws (the decorator's size or checksum
 *       checks among it), a part cannot be uploaded, the thread is interrupted, the completion is
 *       refused, the store is closing — stops the parts in flight, waits until none is running,
 *       then aborts the upload, and aborts again while parts still show (a part that was
 *       arriving when the abort came can outlive it).</li>
 *   <li>Commits carry {@code If-None-Match: *} when conditional writes are on, so of two racing
 *       adds exactly one creates the object; {@link UploadRequests} retries them and the
 *       creation of the upload.</li>
 * </ul>
 */
final class S3Upload {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String NO_SUCH_UPLOAD = UploadAbort.NO_SUCH_UPLOAD;
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final S3Client client;
    private final S3Client unretried;
    private final ExecutorService executor;
    private final S3Address address;
    private final UploadSettings settings;
    private final UploadRequests requests;
    private final UploadRegistry registry;

    /**
     * @param clients the store's clients: SDK retries for the parts, none for the commits
     * @param registry where the store follows the multipart uploads of running adds
     */
    S3Upload(S3Clients clients, ExecutorService executor, S3Address address, UploadSettings settings,
            UploadRegistry registry) {
        this.client = clients.retrying();
        this.unretried = clients.unretried();
        this.executor = requireNonNull(executor, "executor is null");
        this.address = requireNonNull(address, "address is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.requests = new UploadRequests(client, unretried, address, settings);
    }

    /** Uploads everything {@code source} yields, to its end, and returns the number of bytes. */
    long run(InputStream source, OptionalLong expectedSize) throws IOException {
        CountedSource in = new CountedSource(source);
        long threshold = settings.multipartThreshold();
        if (expectedSize.isPresent() && expectedSize.getAsLong() > threshold) {
            return multipart(in, in, settings.partSizeFor(expectedSize.getAsLong()));
        }
        int initial = (int) Math.min(threshold + 1, expectedSize.isPresent() ? expectedSize.getAsLong() + 1 : INITIAL_BUFFER);
        byte[] buffer = new byte[Math.max(initial, 1)];
        int filled = 0;
        while (filled <= threshold) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, threshold + 1));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        if (in.ended()) {
            putSingle(buffer, filled);
            return in.bytes();
        }
        return multipart(new PrefixedInputStream(buffer, filled, in), in, settings.partSize());
    }

    private void putSingle(byte[] data, int length) throws IOException {
        requests.commit(() -> unretried.putObject(request -> request
                        .bucket(address.bucket())
                        .key(address.key())
                        .contentLength((long) length)
                        .contentType(OCTET_STREAM)
                        .ifNoneMatch(settings.conditionalWrites() ? "*" : null)
                        .overrideConfiguration(o -> o.apiCallAttemptTimeout(settings.attemptTimeoutFor(length))),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length, OCTET_STREAM)),
                () -> "\"" + md5Hex(data, length) + "\"", null);
    }

    private long multipart(InputStream source, CountedSource in, int partSize) throws IOException {
        OrphanSuspects suspects = new OrphanSuspects(client, address);
        String uploadId;
        try {
            uploadId = requests.create(suspects);
        } catch (IOException | RuntimeException e) {
            suspects.settleAfterFailure();
            throw e;
        }
        PartUploads parts = new PartUploads(executor);
        UploadRegistry.Entry entry = registry.enter(address, uploadId, parts);
        try {
            try {
                long size = uploadAndComplete(source, in, partSize, uploadId, parts, entry);
                suspects.settleAfterCommit(uploadId, settings.conditionalWrites());
                return size;
            } catch (IOException | RuntimeException | Error e) {
                parts.stop();
                if (entry.claimAbort()) {
                    UploadAbort.abort(client, address, uploadId, e);
                }
                suspects.settleAfterFailure();
                throw e;
            }
        } finally {
            registry.exit(entry);
        }
    }

    private long uploadAndComplete(InputStream source, CountedSource in, int partSize, String uploadId,
            PartUploads parts, UploadRegistry.Entry entry) throws IOException {
        PartBufferPool pool = new PartBufferPool(partSize, settings.concurrency() + 1);
        int count = 0;
        while (true) {
            throwFirstFailure(parts, entry);
            entry.ensureNotStopped();
            byte[] buffer = take(pool);
            int length = readFully(source, buffer);
            if (length == 0) {
                pool.give(buffer);
                break;
            }
            if (count == UploadSettings.MAX_PARTS) {
                pool.give(buffer);
                throw new StoreException("Cannot add " + address + ": the data needs more than "
                        + UploadSettings.MAX_PARTS + " parts of " + partSize + " bytes; configure a larger partSize");
            }
            count++;
            submitPart(parts, entry, count, buffer, length, pool);
            if (length < buffer.length) {
                break;
            }
        }
        if (!in.ended() || parts.isEmpty()) {
            throw new StoreException("Cannot add " + address + ": the upload ended before the end of the source");
        }
        List<CompletedPart> completed = new ArrayList<>();
        List<String> partETags = new ArrayList<>();
        for (Future<CompletedPart> part : parts.all()) {
            CompletedPart done = await(part, entry);
            completed.add(done);
            partETags.add(done.eTag());
        }
        entry.ensureNotStopped();
        if (!entry.claimCompletion()) {
            throw entry.stopped();
        }
        requests.commit(() -> unretried.completeMultipartUpload(request -> request
                        .bucket(address.bucket())
                        .key(address.key())
                        .uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(completed))
                        .ifNoneMatch(settings.conditionalWrites() ? "*" : null)),
                () -> compositeETag(partETags), NO_SUCH_UPLOAD);
        return in.bytes();
    }

    private byte[] take(PartBufferPool pool) throws IOException {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            throw S3Errors.interrupted("add", address, e);
        }
    }

    private void submitPart(PartUploads parts, UploadRegistry.Entry entry, int number, byte[] buffer, int length,
            PartBufferPool pool) throws StoreException {
        String uploadId = entry.uploadId();
        try {
            parts.submit(() -> {
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
            throw entry.stopped(); // only a closing store refuses parts
        }
    }

    private void throwFirstFailure(PartUploads parts, UploadRegistry.Entry entry) throws IOException {
        for (Future<CompletedPart> part : parts.all()) {
            if (part.isDone()) {
                await(part, entry);
            }
        }
    }

    private CompletedPart await(Future<CompletedPart> part, UploadRegistry.Entry entry) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            throw S3Errors.interrupted("add", address, e);
        } catch (CancellationException e) {
            throw entry.isStopped() ? entry.stopped()
                    : new StoreException("Cannot add " + address + ": a part upload was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (entry.isStopped()) {
                throw entry.stopped(); // the store is closing and cancelled the part
            }
            if (cause instanceof SdkException sdk && NO_SUCH_UPLOAD.equals(S3Errors.code(sdk))) {
                throw uploadGone(sdk);
            }
            if (cause instanceof RuntimeException runtime) {
                throw S3Errors.translate(runtime, "add", address);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreException("Cannot add " + address + ": " + cause, cause);
        }
    }

    /**
     * The upload was aborted under the add: by a racing add of the same id that won (the object is
     * there), by a sweep of stale uploads or by a lifecycle rule.
     */
    private StoreException uploadGone(SdkException cause) {
        try {
            client.headObject(request -> request.bucket(address.bucket()).key(address.key()));
            return new ObjectAlreadyExistsException("Object already exists: " + address, cause);
        } catch (RuntimeException e) {
            return new StoreException("Cannot add " + address + ": its multipart upload was aborted while the add ran"
                    + " (by a sweep of stale uploads or a lifecycle rule)", cause);
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
