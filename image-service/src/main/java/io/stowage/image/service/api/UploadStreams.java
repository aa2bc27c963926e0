package io.stowage.image.service.api;

import io.stowage.ChecksumAlgorithm;
import io.stowage.StoreException;
import io.stowage.image.service.ImageServiceConfig;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.QuotaExceededException;
import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.registry.UploadTransition;
import io.stowage.image.service.storage.ImageStores.StoredData;
import io.stowage.image.service.upload.GuardedUploadStream;
import io.stowage.image.service.upload.ParallelDigests;
import io.stowage.image.service.upload.UploadLeases;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an upload's data into its store, whatever the data's source (a request body, staged
 * data, a URL): the upload takes its image ({@link #begin}, one conditional update writing the
 * upload's row, with a fresh object id, before any byte reaches a store: the loser of two gets
 * 409), then {@link #stream} writes the data under the upload's lease, the size cap and the owner
 * quota, computing the MD5 {@code checksum} and the {@code os_hash} on their own threads, and
 * records the result if the upload still holds the image. Every failure — the source went away or
 * stalled, the store failed, the size cap, the owner quota, a size or checksum mismatch — returns
 * the image to the transition's failed status at once and removes what reached the store; an
 * image deleted meanwhile keeps no data either (410). If the node dies, any node recovers the
 * upload once its lease lapses ({@link io.stowage.image.service.upload.UploadRecovery}).
 */
final class UploadStreams {
    private static final Logger LOG = LoggerFactory.getLogger(UploadStreams.class);
    private static final int DIGEST_CHUNK = 1024 * 1024;
    private static final int DIGEST_CHUNKS = 4;

    /** What an upload's data becomes once it is in the store. */
    @FunctionalInterface
    interface Ending {
        /**
         * Records the stored data.
         *
         * @param digests the MD5 and the {@code os_hash}, or nothing when the stream computed none
         * @return false if the upload no longer holds its image (deleted, or recovered after its lease lapsed)
         * @throws ApiException to refuse the data (a checksum mismatch): the upload is ended
         */
        boolean record(Upload upload, StoredData stored, Map<ChecksumAlgorithm, String> digests) throws ApiException;
    }

    /** An upload that took its image, and what it reserved of the owner's quota. */
    record Begun(Upload upload, long reserved) {}

    private final ServiceParts parts;

    UploadStreams(ServiceParts parts) {
        this.parts = parts;
    }

    /** Whether an owner quota applies. */
    boolean limited() {
        return parts.config().ownerQuota() != ImageServiceConfig.UNLIMITED;
    }

    /**
     * Takes the image for one upload to {@code store}, reserving the declared size against the
     * owner quota: 413 over the size cap or the quota, 404 if it is gone, 409 if it is not in the
     * transition's starting status or another upload holds it.
     */
    Begun begin(String id, UploadTransition transition, String store, long declared) throws ApiException {
        long cap = parts.config().sizeCap();
        if (declared > cap) {
            throw new ApiException(413, "The declared size of " + declared + " bytes exceeds the size cap of " + cap + " bytes");
        }
        long reserve = limited() && declared > 0 ? declared : 0;
        try {
            Upload upload = parts.registry().uploads().begin(id, transition, store, reserve)
                    .orElseThrow(() -> parts.registry().find(id).isEmpty()
                            ? ApiException.imageNotFound(id)
                            : ApiException.conflict("Image " + id + " is not " + transition.from().id()
                                    + " any more: another upload holds it or has finished"));
            return new Begun(upload, reserve);
        } catch (QuotaExceededException e) {
            throw new ApiException(413, "The data of image " + id + " (" + declared + " bytes) exceeds the owner quota");
        }
    }

    /** Streams {@code body} as the upload's data and makes the image {@code active} with it. */
    void streamToActive(Begun begun, InputStream body, long declared, Optional<String> expectedMd5)
            throws ApiException, IOException {
        stream(begun, body, declared, true, (upload, stored, digests) -> {
            String md5 = digests.get(ChecksumAlgorithm.MD5);
            if (expectedMd5.isPresent() && !expectedMd5.get().equalsIgnoreCase(md5)) {
                throw ApiException.badRequest("The data of image " + upload.imageId() + " has MD5 " + md5
                        + ", not the declared " + ListParameters.quote(expectedMd5.get()));
            }
            ChecksumAlgorithm hash = parts.config().hash();
            return parts.registry().uploads().finish(upload, new ImageData(stored.size(), md5, hash.id(),
                    digests.get(hash), List.of(stored.location())));
        });
    }

    /**
     * Streams {@code body} into the upload's store and hands the result to {@code ending}; on any
     * failure the upload is ended (image to its failed status, object removed) before this throws.
     *
     * @param declared the size the source declared, or -1
     * @param digests whether to compute the MD5 and the {@code os_hash}
     */
    void stream(Begun begun, InputStream body, long declared, boolean digests, Ending ending)
            throws ApiException, IOException {
        Upload upload = begun.upload();
        try (UploadLeases.Held hold = parts.leases().hold(upload)) {
            GuardedUploadStream guarded = new GuardedUploadStream(body, hold, parts.registry().uploads(), limited(),
                    begun.reserved());
            Stored stored = store(upload, guarded, declared, digests);
            boolean recorded;
            try {
                recorded = ending.record(upload, stored.data(), stored.digests());
            } catch (RegistryUnavailableException e) {
                // The commit may have happened: the object stays, and recovery removes it only if
                // the upload's row is still there once its lease lapses.
                throw new ApiException(503, "The image registry is unavailable: the upload of image " + upload.imageId()
                        + " could not be finished; if it did not, the image returns to " + upload.failedStatus().id());
            } catch (ApiException e) {
                end(upload, e);
                throw e;
            }
            if (!recorded) {
                end(upload, new ApiException(409, "upload not finished"));
                if (parts.registry().find(upload.imageId()).isEmpty()) {
                    throw new ApiException(410, "Image " + upload.imageId() + " was deleted during the upload; its data was removed");
                }
                throw new ApiException(503, "The upload of image " + upload.imageId() + " lost its lease (the registry was"
                        + " unreachable for too long); its data was removed and the image is "
                        + upload.failedStatus().id() + " again");
            }
        }
    }

    private record Stored(StoredData data, Map<ChecksumAlgorithm, String> digests) {}

    /** Writes the data to the store; on any failure the upload is ended before this returns. */
    private Stored store(Upload upload, GuardedUploadStream body, long declared, boolean withDigests)
            throws ApiException, IOException {
        Optional<ParallelDigests> digests;
        try {
            digests = withDigests ? Optional.of(new ParallelDigests(EnumSet.of(ChecksumAlgorithm.MD5, parts.config().hash()),
                    DIGEST_CHUNK, DIGEST_CHUNKS, parts.digestThreads())) : Optional.empty();
        } catch (RuntimeException e) {
            end(upload, e);
            throw new ApiException(503, "The service is stopping: the upload of image " + upload.imageId() + " was not started");
        }
        try {
            InputStream data = digests.isPresent() ? digests.get().wrap(body) : body;
            StoredData stored = parts.stores().add(upload.store(), upload.objectId(), data, declared, parts.config().sizeCap());
            return new Stored(stored, digests.isPresent() ? digests.get().finish() : Map.of());
        } catch (IOException | RuntimeException | Error e) {
            digests.ifPresent(ParallelDigests::abort);
            end(upload, e);
            throw failure(upload, body, e);
        }
    }

    private static ApiException failure(Upload upload, GuardedUploadStream body, Throwable e) {
        String id = upload.imageId();
        if (body.overQuota()) {
            return new ApiException(413, "The data of image " + id + " exceeds the owner quota");
        }
        if (body.lost()) {
            return new ApiException(503, "The upload of image " + id + " lost its lease (the registry was unreachable"
                    + " for too long); upload again");
        }
        if (body.registryFailed()) {
            return new ApiException(503, "The image registry is unavailable: the upload of image " + id + " failed");
        }
        if (e instanceof StoreException store) {
            return StoreErrors.forUpload(id, upload.store(), store);
        }
        if (e instanceof IOException) {
            LOG.info("Upload to image {} ended early: {}", id, e.toString());
            return ApiException.badRequest("The upload of image " + id + " ended early: its data could not be read");
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) e;
    }

    /**
     * Ends a failed upload: the image back to its failed status (if the upload still holds it),
     * then whatever reached the store removed and the upload forgotten. What cannot be done now
     * (the registry or the store is down) is left to recovery once the lease lapses.
     */
    void end(Upload upload, Throwable failure) {
        try {
            if (!parts.registry().uploads().abandon(upload)) {
                LOG.info("Upload to image {} failed after the image was deleted or recovered", upload.imageId());
            }
            parts.stores().discard(upload.store(), upload.objectId());
            parts.registry().uploads().forget(upload.uploadId());
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("Ending the failed upload to image {} is left to recovery: {}", upload.imageId(), e.toString());
        }
    }
}
