package io.stowage.image.service.api;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.upload.ParallelDigests;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>The lifecycle, each step one conditional update: {@code queued -> saving} (the loser of two
 * uploads gets 409), then {@code saving -> active} with the location if this upload still holds
 * the image. Every failure — the client went away or stalled past the idle timeout, the store
 * failed, the size cap or a size mismatch — returns the image to {@code queued} at once; the
 * store's add keeps nothing of a failed upload. An image deleted during the upload keeps no data
 * either: the upload removes what it stored and answers 410.
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
        Image image = parts.registry().find(id).filter(caller::canSee).orElseThrow(() -> ApiException.imageNotFound(id));
        if (!caller.canModify(image)) {
            throw ApiException.forbidden("You are not allowed to upload data to image " + id);
        }
        checkContentType(request);
        String store = storeFor(request);
        long declared = request.getLength();
        long cap = parts.config().sizeCap();
        if (declared > cap) {
            throw new ApiException(413, "The declared size of " + declared + " bytes exceeds the size cap of " + cap + " bytes");
        }
        if (image.status() != ImageStatus.QUEUED) {
            throw ApiException.conflict("Image " + id + " is " + image.status().id() + "; data can only be uploaded to a queued image");
        }
        String uploadId = parts.registry().beginUpload(id, store).orElseThrow(() -> parts.registry().find(id).isEmpty()
                ? ApiException.imageNotFound(id)
                : ApiException.conflict("Image " + id + " is not queued any more: another upload holds it or has finished"));
        ImageData data = store(id, store, uploadId, request, declared, cap);
        if (!parts.registry().finishUpload(id, uploadId, data)) {
            removeUnclaimed(id, data);
            throw new ApiException(410, "Image " + id + " was deleted during the upload; its data was removed");
        }
    }

    /** Streams the body to the store; on any failure the image is back in {@code queued} before this returns. */
    private ImageData store(String id, String store, String uploadId, Request request, long declared, long cap)
            throws ApiException, IOException {
        ChecksumAlgorithm hash = parts.config().hash();
        ParallelDigests digests;
        try {
            digests = new ParallelDigests(EnumSet.of(ChecksumAlgorithm.MD5, hash), DIGEST_CHUNK, DIGEST_CHUNKS,
                    parts.digestThreads());
        } catch (RuntimeException e) {
            abandon(id, uploadId, e);
            throw new ApiException(503, "The service is stopping: the upload of image " + id + " was not started");
        }
        AddOptions.Builder options = AddOptions.builder().onlyChecksums(Set.of()).sizeLimit(cap);
        if (declared >= 0) {
            options.expectedSize(declared);
        }
        StoredObject stored;
        Map<ChecksumAlgorithm, String> values;
        try (InputStream body = Content.Source.asInputStream(request)) {
            stored = parts.stores().add(store, ObjectId.of(id), digests.wrap(body), options.build());
            values = digests.finish();
        } catch (StoreException e) {
            digests.abort();
            abandon(id, uploadId, e);
            throw StoreErrors.forUpload(id, store, e);
        } catch (IOException | RuntimeException | Error e) {
            digests.abort();
            abandon(id, uploadId, e);
            if (e instanceof IOException) {
                LOG.info("Upload to image {} ended early: {}", id, e.toString());
                throw ApiException.badRequest("The upload of image " + id + " ended early: the request body could not be read");
            }
            throw e;
        }
        Location location = stored.location();
        return new ImageData(stored.size(), values.get(ChecksumAlgorithm.MD5), hash.id(), values.get(hash),
                List.of(new ImageLocation(location.url(), location.metadata())));
    }

    private void abandon(String id, String uploadId, Throwable failure) {
        try {
            if (!parts.registry().abandonUpload(id, uploadId)) {
                LOG.info("Upload to image {} failed after the image was deleted", id);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes the data of an upload whose image was deleted before the upload could finish. */
    private void removeUnclaimed(String id, ImageData data) {
        for (ImageLocation stored : data.locations()) {
            try {
                parts.stores().delete(Location.parse(stored.url(), stored.metadata()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Image {} was deleted during its upload and its data could not be removed from {}: {}",
                        id, stored.url(), e.toString());
            }
        }
    }

    private static void checkContentType(Request request) throws ApiException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && !type.split(";", 2)[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw new ApiException(415, "Image data must be sent as application/octet-stream");
        }
    }

    private String storeFor(Request request) throws ApiException {
        String named = Optional.ofNullable(request.getHeaders().get(STORE_HEADER)).map(String::trim).orElse("");
        String store = named.isEmpty() ? parts.stores().defaultStoreName() : named;
        try {
            if (!parts.stores().store(store).capabilities().contains(Capability.WRITE)) {
                throw ApiException.badRequest("Store '" + store + "' is read-only: image data cannot be uploaded to it");
            }
        } catch (InvalidConfigurationException e) {
            throw ApiException.badRequest("Unknown store '" + ListParameters.quote(store).replace("'", "")
                    + "' in header " + STORE_HEADER + " (stores: " + storeNames() + ")");
        }
        return store;
    }

    private String storeNames() {
        return String.join(", ", parts.stores().describe().stream().map(info -> info.name()).toList());
    }
}
