package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidIdException;
import io.stowage.ObjectId;
import io.stowage.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * The sweep of stale multipart uploads: what an add that never finished (its process was
 * killed, its host lost) leaves in the bucket, invisible to listings of objects but stored and
 * billed. An upload is stale when it was initiated longer ago than the given age and has no part
 * as recent, and its key is one of the store's (its prefix followed by a valid id): uploads
 * outside the prefix, young ones and old ones still receiving parts are left alone. Ages are
 * measured on the server's clock (the listing's Date header).
 *
 * <p>It runs when a store opens with {@code abortUploadsOlderThan} set, and on request through
 * {@link #abort(String, S3StoreConfig, Duration)}. The bucket lifecycle rule
 * {@code AbortIncompleteMultipartUpload} does the same on the server side (see the module's
 * README); choose an age longer than the longest add.
 */
public final class S3StaleUploads {
    private S3StaleUploads() {}

    /**
     * Aborts the stale uploads of the store {@code storeName} configured by {@code config}, through
     * a connection of its own.
     *
     * @param storeName the store's name, for messages
     * @param config the store's config: its bucket, prefix and connection
     * @param olderThan the age past which an upload without a recent part is stale
     * @return the keys of the uploads aborted, in listing order
     * @throws StoreException when the uploads cannot be listed or one cannot be aborted
     */
    public static List<String> abort(String storeName, S3StoreConfig config, Duration olderThan) throws StoreException {
        requireNonNull(storeName, "storeName is null");
        requireNonNull(config, "config is null");
        requireAge(olderThan);
        try (S3Clients clients = S3Clients.open(config.connection(), "store '" + storeName + "'")) {
            return abort(clients.retrying(), new S3Layout(config.bucket(), config.prefix(), config.endpoint()),
                    olderThan);
        }
    }

    static List<String> abort(S3Client client, S3Layout layout, Duration olderThan) throws StoreException {
        requireAge(olderThan);
        List<MultipartUpload> uploads = new ArrayList<>();
        Instant serverNow = list(client, layout, uploads);
        return abortInitiatedBefore(client, layout, uploads, serverNow.minus(olderThan));
    }

    /** Aborts every multipart upload of exactly the key of {@code address}, whatever its age. */
    static void abortKey(S3Client client, S3Address address) throws StoreException {
        List<MultipartUpload> uploads = new ArrayList<>();
        list(client, address.bucket(), address.key(), uploads);
        for (MultipartUpload upload : uploads) {
            if (address.key().equals(upload.key())) {
                StoreException failures = new StoreException("Aborting the multipart upload of " + address);
                UploadAbort.abort(client, address, upload.uploadId(), failures);
                if (failures.getSuppressed().length > 0) {
                    throw failures;
                }
            }
        }
    }

    /** Aborts the store's uploads initiated before {@code cutoff} whose newest part is older too. */
    static List<String> abortInitiatedBefore(S3Client client, S3Layout layout, Instant cutoff) throws StoreException {
        List<MultipartUpload> uploads = new ArrayList<>();
        list(client, layout, uploads);
        return abortInitiatedBefore(client, layout, uploads, cutoff);
    }

    private static List<String> abortInitiatedBefore(S3Client client, S3Layout layout, List<MultipartUpload> uploads,
            Instant cutoff) throws StoreException {
        List<String> aborted = new ArrayList<>();
        for (MultipartUpload upload : uploads) {
            if (!ownKey(layout, upload.key()) || upload.initiated() == null || !upload.initiated().isBefore(cutoff)) {
                continue;
            }
            S3Address address = new S3Address(layout.bucket(), upload.key());
            try {
                if (hasPartSince(client, address, upload.uploadId(), cutoff)) {
                    continue;
                }
                client.abortMultipartUpload(request -> request.bucket(address.bucket()).key(address.key())
                        .uploadId(upload.uploadId()));
                aborted.add(upload.key());
            } catch (RuntimeException e) {
                if (!UploadAbort.NO_SUCH_UPLOAD.equals(e instanceof software.amazon.awssdk.core.exception.SdkException sdk
                        ? S3Errors.code(sdk) : "")) {
                    throw S3Errors.translate(e, "abort a stale multipart upload of", address);
                }
            }
        }
        return aborted;
    }

    /** Lists every upload under the store's prefix into {@code uploads}; returns the server's time of the first page. */
    private static Instant list(S3Client client, S3Layout layout, List<MultipartUpload> uploads) throws StoreException {
        return list(client, layout.bucket(), layout.keyPrefix(), uploads);
    }

    /** Lists every upload of {@code bucket} under {@code prefix} into {@code uploads}; returns the server's time. */
    private static Instant list(S3Client client, String bucket, String prefix, List<MultipartUpload> uploads)
            throws StoreException {
        Instant serverNow = null;
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            String key = keyMarker;
            String id = uploadIdMarker;
            ListMultipartUploadsResponse page;
            try {
                page = client.listMultipartUploads(request -> request.bucket(bucket).prefix(prefix)
                        .keyMarker(key).uploadIdMarker(id));
            } catch (RuntimeException e) {
                throw S3Errors.translate(e, "list the multipart uploads of", new S3Address(bucket, prefix));
            }
            if (serverNow == null) {
                serverNow = ServerClock.of(page).orElseGet(Instant::now);
            }
            uploads.addAll(page.uploads());
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return serverNow;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
    }

    private static boolean hasPartSince(S3Client client, S3Address address, String uploadId, Instant cutoff) {
        for (Part part : client.listPartsPaginator(request -> request.bucket(address.bucket()).key(address.key())
                .uploadId(uploadId)).parts()) {
            if (part.lastModified() != null && !part.lastModified().isBefore(cutoff)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ownKey(S3Layout layout, String key) {
        if (key == null || !key.startsWith(layout.keyPrefix())) {
            return false;
        }
        try {
            ObjectId.of(key.substring(layout.keyPrefix().length()));
            return true;
        } catch (InvalidIdException e) {
            return false;
        }
    }

    private static void requireAge(Duration olderThan) {
        requireNonNull(olderThan, "olderThan is null");
        if (olderThan.isZero() || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be more than 0: " + olderThan);
        }
    }
}
