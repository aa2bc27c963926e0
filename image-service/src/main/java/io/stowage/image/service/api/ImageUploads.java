package io.stowage.image.service.api;

import io.stowage.ChecksumAlgorithm;
import io.stowage.StoreException;
import io.stowage.image.service.ImageServiceConfig;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.QuotaExceededException;
import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.registry.UploadRegistry;
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
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /v2/images/{id}/file}: streams the body into the store named by
 * {@code X-Image-Meta-Store} (else the default one), computing the MD5 {@code checksum} and the
 * {@code os_hash} on their own threads as it goes.
 *
 * <p>The lifecycle, each step one transaction of conditional updates: {@code queued -> saving}
 * with the upload's row, naming a fresh object id ({@code <image>.<upload>}), written before any
 * byte reaches the store (the loser of two uploads gets 409), then {@code saving -> active} with
 * the location if this upload still holds the image. The upload holds a lease the node renews
 * while it streams; if the node dies, any node recovers the image once the lease lapses (see
 * {@link io.stowage.image.service.upload.UploadRecovery}). Every failure — the client went away or
 * stalled past the idle timeout, the store failed, the size cap, the owner quota or a size
 * mismatch — returns the image to {@code queued} at once and removes what reached the store. An
 * image deleted during the upload keeps no data either: the upload removes it and answers 410.
 */
final class ImageUploads {
    private static final Logger LOG = LoggerFactory.getLogger(ImageUploads.class);
    private static final String STORE_HEADER = "X-Image-Meta-Store";
    private static final int DIGEST_CHUNK = 1024 * 1024;
    private static final int DIGEST_CHUNKS = 4;

    private final ServiceParts parts;

    ImageUploads(ServiceParts parts) {
        this.parts = parts;
    }

    void upload(Caller caller, String id, Request request) throws ApiException, IOException {
        Image image = parts.registry().find(id).filter(found -> caller.canSee(found, parts.registry().members())).orElseThrow(() -> ApiException.imageNotFound(id));
        if (!caller.canModify(image)) {
            throw ApiException.forbidden("You are not allowed to upload data to image " + id);
        }
        checkContentType(request);
        String store = storeFor(request.getHeaders().get(STORE_HEADER));
        long declared = request.getLength();
        if (image.status() != ImageStatus.QUEUED) {
            throw ApiException.conflict("Image " + id + " is " + image.status().id() + "; data can only be uploaded to a queued image");
        }
        try (InputStream body = Content.Source.asInputStream(request)) {
            receive(id, store, declared, body, ImageStatus.QUEUED);
        }
    }

    /**
     * Takes the {@code queued} image for one upload, streams {@code body} into {@code store} under
     * the upload's lease, the size cap and the owner quota, and makes the image {@code active}.
     * Every failure leaves the image in {@code failedStatus} and nothing in the store.
     */
    void receive(String id, String store, long declared, InputStream body, ImageStatus failedStatus)
            throws ApiException, IOException {
        long cap = parts.config().sizeCap();
        if (declared > cap) {
            throw new ApiException(413, "The declared size of " + declared + " bytes exceeds the size cap of " + cap + " bytes");
        }
        boolean limited = parts.config().ownerQuota() != ImageServiceConfig.UNLIMITED;
        long reserve = limited && declared > 0 ? declared : 0;
        UploadRegistry uploads = parts.registry().uploads();
        Upload upload;
        try {
            upload = uploads.begin(id, store, reserve, failedStatus).orElseThrow(() -> parts.registry().find(id).isEmpty()
                    ? ApiException.imageNotFound(id)
                    : ApiException.conflict("Image " + id + " is not queued any more: another upload holds it or has finished"));
        } catch (QuotaExceededException e) {
            throw new ApiException(413, "The data of image " + id + " (" + declared + " bytes) exceeds the owner quota");
        }
        try (UploadLeases.Held hold = parts.leases().hold(upload)) {
            GuardedUploadStream guarded = new GuardedUploadStream(body, hold, uploads, limited, reserve);
            ImageData data = store(upload, guarded, declared, cap);
            boolean finished;
            try {
                finished = uploads.finish(upload, data);
            } catch (RegistryUnavailableException e) {
                // The commit may have happened: the object stays, and recovery removes it only if
                // the upload's row is still there once its lease lapses.
                throw new ApiException(503, "The image registry is unavailable: the upload of image " + id
                        + " could not be finished; if it did not, the image returns to " + failedStatus.id());
            }
            if (!finished) {
                end(upload, new ApiException(409, "upload not finished"));
                if (parts.registry().find(id).isEmpty()) {
                    throw new ApiException(410, "Image " + id + " was deleted during the upload; its data was removed");
                }
                throw new ApiException(503, "The upload of image " + id + " lost its lease (the registry was unreachable"
                        + " for too long); its data was removed and the image is " + failedStatus.id() + " again");
            }
        }
    }

    /** Streams the body to the store; on any failure the upload is ended before this returns. */
    private ImageData store(Upload upload, GuardedUploadStream body, long declared, long cap)
            throws ApiException, IOException {
        String id = upload.imageId();
        ChecksumAlgorithm hash = parts.config().hash();
        ParallelDigests digests;
        try {
            digests = new ParallelDigests(EnumSet.of(ChecksumAlgorithm.MD5, hash), DIGEST_CHUNK, DIGEST_CHUNKS,
                    parts.digestThreads());
        } catch (RuntimeException e) {
            end(upload, e);
            throw new ApiException(503, "The service is stopping: the upload of image " + id + " was not started");
        }
        StoredData stored;
        Map<ChecksumAlgorithm, String> values;
        try {
            stored = parts.stores().add(upload.store(), upload.objectId(), digests.wrap(body), declared, cap);
            values = digests.finish();
        } catch (IOException | RuntimeException | Error e) {
            digests.abort();
            end(upload, e);
            throw failure(upload, body, e);
        }
        return new ImageData(stored.size(), values.get(ChecksumAlgorithm.MD5), hash.id(), values.get(hash),
                List.of(stored.location()));
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
            return ApiException.badRequest("The upload of image " + id + " ended early: the request body could not be read");
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
    private void end(Upload upload, Throwable failure) {
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

    private static void checkContentType(Request request) throws ApiException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && !type.split(";", 2)[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw new ApiException(415, "Image data must be sent as application/octet-stream");
        }
    }

    /** The store named by a request ({@code X-Image-Meta-Store}), else the default one; 400 for an unknown or read-only one. */
    String storeFor(String header) throws ApiException {
        String named = Optional.ofNullable(header).map(String::trim).orElse("");
        String store = named.isEmpty() ? parts.stores().defaultStore() : named;
        if (parts.stores().find(store).isEmpty()) {
            throw ApiException.badRequest("Unknown store '" + ListParameters.quote(store).replace("'", "")
                    + "' in header " + STORE_HEADER + " (stores: " + storeNames() + ")");
        }
        if (!parts.stores().isWritable(store)) {
            throw ApiException.badRequest("Store '" + store + "' is read-only: image data cannot be uploaded to it");
        }
        return store;
    }

    private String storeNames() {
        return String.join(", ", parts.stores().describe().stream().map(info -> info.name()).toList());
    }
}
