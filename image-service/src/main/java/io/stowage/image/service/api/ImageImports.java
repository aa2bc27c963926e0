package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.ByteRange;
import io.stowage.InvalidLocationException;
import io.stowage.ObjectStream;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.StagedUploads.StagedImport;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.registry.UploadTransition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interoperable import, as Glance's {@code POST /v2/images/{id}/import} and
 * {@code GET /v2/info/import}: {@code glance-direct} copies data staged with
 * {@code PUT /v2/images/{id}/stage} into the chosen store; {@code web-download} fetches a URL
 * through the configured http store, whose host rules refuse loopback, private, link-local and
 * metadata addresses unless its {@code allowedHosts} opens them (a URL a user supplies must not
 * reach the service's own network). The request is checked and the image taken
 * ({@code importing}) before the answer (202); the data moves on an import thread as an upload
 * under a lease, and a failure returns the image to {@code queued} with no data left, staged data
 * included.
 */
final class ImageImports {
    static final String GLANCE_DIRECT = "glance-direct";
    static final String WEB_DOWNLOAD = "web-download";
    private static final Logger LOG = LoggerFactory.getLogger(ImageImports.class);

    private final ServiceParts parts;
    private final UploadStreams streams;
    private final ImageUploads uploads;

    ImageImports(ServiceParts parts, UploadStreams streams, ImageUploads uploads) {
        this.parts = parts;
        this.streams = streams;
        this.uploads = uploads;
    }

    /** The import methods this service offers: glance-direct always, web-download with an http store for it. */
    List<String> methods() {
        List<String> methods = new ArrayList<>(List.of(GLANCE_DIRECT));
        parts.config().webDownloadStore().ifPresent(store -> methods.add(WEB_DOWNLOAD));
        return methods;
    }

    /** {@code GET /v2/info/import}. */
    ObjectNode info() {
        ObjectNode document = JsonBodies.MAPPER.createObjectNode();
        ObjectNode methods = document.putObject("import-methods");
        methods.put("description", "Import methods available.");
        methods.put("type", "array");
        methods.putArray("value").addAll(methods().stream().map(JsonBodies.MAPPER.getNodeFactory()::textNode).toList());
        return document;
    }

    /** {@code POST /v2/images/{id}/import}: checks the request, takes the image and starts the import. */
    void start(Caller caller, String id, JsonNode body, String storeHeader) throws ApiException {
        Image image = parts.registry().find(id).filter(found -> caller.canSee(found, parts.registry().members()))
                .orElseThrow(() -> ApiException.imageNotFound(id));
        if (!caller.canModify(image)) {
            throw ApiException.forbidden("You are not allowed to import data to image " + id);
        }
        String method = method(body);
        String store = targetStore(body, storeHeader);
        if (image.attributes().containerFormat().isEmpty() || image.attributes().diskFormat().isEmpty()) {
            throw ApiException.conflict("'container_format' and 'disk_format' need to be set before import");
        }
        if (method.equals(GLANCE_DIRECT)) {
            startGlanceDirect(image, store);
        } else {
            startWebDownload(image, store, webLocation(body));
        }
    }

    private void startGlanceDirect(Image image, String store) throws ApiException {
        if (image.status() != ImageStatus.UPLOADING) {
            throw ApiException.conflict("Image " + image.id() + " needs to be staged before 'glance-direct' can be used");
        }
        StagedImport taken = parts.registry().staging().beginImport(image.id(), store).orElseThrow(() -> ApiException
                .conflict("Image " + image.id() + " has no staged data, or another import holds it"));
        long size = taken.staged().size();
        UploadStreams.Begun begun = new UploadStreams.Begun(taken.upload(), streams.limited() ? size : 0);
        submit(taken.upload(), () -> parts.stores().open(taken.staged().location(), ByteRange.ALL),
                data -> streams.streamToActive(begun, data, size, Optional.empty()));
    }

    private void startWebDownload(Image image, String store, ImageLocation source) throws ApiException {
        if (image.status() != ImageStatus.QUEUED) {
            throw ApiException.conflict("Image " + image.id() + " needs to be queued to use 'web-download'");
        }
        UploadStreams.Begun begun = streams.begin(image.id(), UploadTransition.WEB_DOWNLOAD, store, -1);
        submit(begun.upload(), () -> parts.stores().open(source, ByteRange.ALL),
                data -> streams.streamToActive(begun, data, data.length(), Optional.empty()));
    }

    /** Opens an import's source. */
    @FunctionalInterface
    private interface Source {
        ObjectStream open() throws IOException;
    }

    /** Moves an open source's data; a failure it throws has ended the upload already. */
    @FunctionalInterface
    private interface Transfer {
        void run(ObjectStream data) throws ApiException, IOException;
    }

    private void submit(Upload upload, Source source, Transfer transfer) throws ApiException {
        String id = upload.imageId();
        try {
            parts.importThreads().execute(() -> {
                try {
                    run(upload, source, transfer);
                } finally {
                    parts.recovery().runFor(id);
                }
            });
        } catch (RejectedExecutionException e) {
            streams.end(upload, e);
            throw new ApiException(503, "Too many imports are running (or the service is stopping): the import of image "
                    + id + " was not started");
        }
    }

    private void run(Upload upload, Source source, Transfer transfer) {
        String id = upload.imageId();
        ObjectStream data;
        try {
            data = source.open();
        } catch (IOException | RuntimeException e) {
            streams.end(upload, e);
            LOG.warn("The import of image {} failed: its source could not be read ({}); the image is {} again", id,
                    e.toString(), upload.failedStatus().id());
            return;
        }
        try (data) {
            transfer.run(data);
            LOG.info("Imported image {} into store '{}'", id, upload.store());
        } catch (ApiException e) {
            LOG.warn("The import of image {} failed ({}): {}; the image is {} again", id, e.status(), e.getMessage(),
                    upload.failedStatus().id());
        } catch (IOException | RuntimeException e) {
            // the upload ended itself before this came out (or only closing the source failed)
            LOG.warn("The import of image {} failed: {}", id, e.toString());
        }
    }

    private String method(JsonNode body) throws ApiException {
        if (!body.isObject() || !body.path("method").isObject()) {
            throw ApiException.badRequest("Import request requires a 'method' object");
        }
        JsonNode name = body.get("method").get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("Import request requires a 'name' in its 'method'");
        }
        if (!methods().contains(name.textValue())) {
            throw ApiException.badRequest("Unknown import method name " + ListParameters.quote(name.textValue())
                    + " (this service offers: " + String.join(", ", methods()) + "; web-download needs 'web-download-store')");
        }
        for (String flag : List.of("all_stores", "all_stores_must_succeed")) {
            if (body.has(flag) && !body.get(flag).isBoolean()) {
                throw ApiException.badRequest("'" + flag + "' must be true or false");
            }
        }
        if (body.path("all_stores").asBoolean(false)) {
            throw ApiException.badRequest("This service imports into one store; add copies in other stores through"
                    + " the image's locations");
        }
        return name.textValue();
    }

    private String targetStore(JsonNode body, String storeHeader) throws ApiException {
        JsonNode stores = body.get("stores");
        if (stores == null || stores.isNull()) {
            return uploads.storeFor(storeHeader);
        }
        if (!stores.isArray() || stores.size() != 1 || !stores.get(0).isTextual()) {
            throw ApiException.badRequest("'stores' must name exactly one store: this service imports into one store");
        }
        return uploads.writableStore(stores.get(0).textValue(), "'stores'");
    }

    private ImageLocation webLocation(JsonNode body) throws ApiException {
        String web = parts.config().webDownloadStore().orElseThrow();
        JsonNode uri = body.get("method").get("uri");
        if (uri == null || !uri.isTextual()) {
            throw ApiException.badRequest("The web-download import method requires a 'uri'");
        }
        try {
            return parts.stores().locationIn(web, uri.textValue());
        } catch (InvalidLocationException e) {
            // decided before anything is sent: the store's host rules, or not an http(s) URL at all
            throw ApiException.badRequest("The URI for web-download is refused: store '" + web + "' reaches only http(s)"
                    + " URLs of public hosts unless its allowedHosts opens others");
        }
    }
}
