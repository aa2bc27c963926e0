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
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.UploadTransition;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * {@code PUT /v2/images/{id}/file}: streams the body into the store named by
 * {@code X-Image-Meta-Store} (else the default one) and makes the image {@code active}; and
 * {@code PUT /v2/images/{id}/stage}: streams it into the staging store, where it waits
 * ({@code uploading}) for its {@code glance-direct} import. Both run as {@link UploadStreams}
 * uploads: leased, guarded by the size cap and the owner quota, and leaving the image
 * {@code queued} and no data behind when they fail.
 */
final class ImageUploads {
    static final String STORE_HEADER = "X-Image-Meta-Store";

    private final ServiceParts parts;
    private final UploadStreams streams;

    ImageUploads(ServiceParts parts, UploadStreams streams) {
        this.parts = parts;
        this.streams = streams;
    }

    void upload(Caller caller, String id, Request request) throws ApiException, IOException {
        Image image = modifiable(caller, id);
        checkContentType(request);
        String store = storeFor(request.getHeaders().get(STORE_HEADER));
        require(image, ImageStatus.QUEUED, "data can only be uploaded to a queued image");
        long declared = request.getLength();
        UploadStreams.Begun begun = streams.begin(id, UploadTransition.UPLOAD, store, declared);
        try (InputStream body = RequestBodies.open(request)) {
            streams.streamToActive(begun, body, declared, Optional.empty());
        }
    }

    void stage(Caller caller, String id, Request request) throws ApiException, IOException {
        Image image = modifiable(caller, id);
        checkContentType(request);
        String store = parts.config().stagingStore().orElse(parts.stores().defaultStore());
        require(image, ImageStatus.QUEUED, "data can only be staged for a queued image");
        long declared = request.getLength();
        UploadStreams.Begun begun = streams.begin(id, UploadTransition.STAGE, store, declared);
        try (InputStream body = RequestBodies.open(request)) {
            streams.stream(begun, body, declared, false, (upload, stored, digests) ->
                    parts.registry().staging().finish(upload, stored.location(), stored.size()));
        }
    }

    private Image modifiable(Caller caller, String id) throws ApiException {
        Image image = parts.registry().find(id).filter(found -> caller.canSee(found, parts.registry().members()))
                .orElseThrow(() -> ApiException.imageNotFound(id));
        if (!caller.canModify(image)) {
            throw ApiException.forbidden("You are not allowed to upload data to image " + id);
        }
        return image;
    }

    private static void require(Image image, ImageStatus status, String rule) throws ApiException {
        if (image.status() != status) {
            throw ApiException.conflict("Image " + image.id() + " is " + image.status().id() + "; " + rule);
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
        return writableStore(named.isEmpty() ? parts.stores().defaultStore() : named, "header " + STORE_HEADER);
    }

    /** {@code store} if it is configured and writable; 400 naming {@code where} it was asked for otherwise. */
    String writableStore(String store, String where) throws ApiException {
        if (parts.stores().find(store).isEmpty()) {
            throw ApiException.badRequest("Unknown store '" + ListParameters.quote(store).replace("'", "")
                    + "' in " + where + " (stores: " + String.join(", ", parts.stores().describe().stream()
                            .map(info -> info.name()).toList()) + ")");
        }
        if (!parts.stores().isWritable(store)) {
            throw ApiException.badRequest("Store '" + store + "' is read-only: image data cannot be uploaded to it");
        }
        return store;
    }
}
