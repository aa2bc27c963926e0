package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.InvalidLocationException;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.QuotaExceededException;
import io.stowage.image.service.registry.UploadTransition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * The seed's v1 image API: {@code POST /v1/images} reserves an image from {@code x-image-meta-*}
 * headers and takes its data from an {@code application/octet-stream} body or registers it where
 * it lives ({@code x-image-meta-location}: a scheme of {@code location-schemes} served by a
 * configured store, read once for its size and digests); {@code PUT /v1/images/{id}} changes the
 * metadata and takes the data of a {@code queued} image; {@code HEAD} and {@code GET} answer the
 * metadata as headers (and the data); {@code GET /v1/images} and {@code /v1/images/detail} list.
 * An upload or registration that fails leaves the image {@code killed}, with no data kept.
 */
final class V1Images {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceParts parts;
    private final UploadStreams streams;
    private final ImageUploads uploads;
    private final ImageResources resources;
    private final LocationReader locations;

    V1Images(ServiceParts parts, UploadStreams streams, ImageUploads uploads, ImageResources resources) {
        this.parts = parts;
        this.streams = streams;
        this.uploads = uploads;
        this.resources = resources;
        this.locations = new LocationReader(parts);
    }

    /** {@code GET /v1/images} (brief) and {@code /v1/images/detail}: {@code active} images unless a status is asked for. */
    ObjectNode list(Caller caller, Fields v1, boolean detail) throws ApiException {
        Fields v2 = new Fields();
        for (Fields.Field field : v1) {
            String name = field.getName();
            for (String value : field.getValues()) {
                if (name.startsWith("property-")) {
                    v2.add(name.substring("property-".length()), value);
                } else if (name.equals("is_public")) {
                    v2.add("visibility", value.equalsIgnoreCase("none") ? "all"
                            : V1Headers.bool("is_public", value) ? "public" : "private");
                } else if (name.equals("changes-since")) {
                    throw ApiException.badRequest("Filtering by 'changes-since' is not supported");
                } else {
                    v2.add(name, value);
                }
            }
        }
        if (v2.get("status") == null) {
            v2.add("status", "active");
        }
        ObjectNode document = NODES.objectNode();
        ArrayNode images = document.putArray("images");
        for (Image image : resources.page(caller, ListParameters.parse(v2, caller), v2.getValue("marker"))) {
            images.add(detail ? V1Headers.document(image, parts.config().showDirectUrl()) : V1Headers.brief(image));
        }
        return document;
    }

    /** {@code POST /v1/images}: the new image's document (201). */
    ObjectNode create(Caller caller, Request request) throws ApiException, IOException {
        V1Headers.Meta meta = V1Headers.parse(request.getHeaders());
        refuseCopyFrom(meta);
        boolean body = hasBody(request);
        Optional<ImageLocation> location = location(meta);
        if (body && location.isPresent()) {
            throw ApiException.badRequest("An image takes its data from the body or from x-image-meta-location, not both");
        }
        String store = store(request, meta, body);
        long declared = declaredSize(request, meta, body);
        String id = meta.get("id").isPresent() ? ImageResources.imageId(NODES.textNode(meta.get("id").get()))
                : UUID.randomUUID().toString();
        Optional<String> owner = meta.get("owner").isPresent()
                ? ImageResources.owner(caller, NODES.textNode(meta.get("owner").get())) : caller.project();
        ImageEdits edits = ImageEdits.of(ImageAttributes.defaults());
        V1Headers.apply(meta, edits, ImageAttributes.defaults());
        resources.insert(caller, id, owner, edits.toAttributes());
        takeData(id, request, meta, body ? Optional.of(store) : Optional.empty(), location, declared);
        return wrap(resources.visible(caller, id));
    }

    /** {@code PUT /v1/images/{id}}: changes the metadata, and takes data for a queued image. */
    ObjectNode update(Caller caller, String id, Request request) throws ApiException, IOException {
        Image image = resources.modifiable(caller, id);
        V1Headers.Meta meta = V1Headers.parse(request.getHeaders());
        refuseCopyFrom(meta);
        if (meta.get("id").isPresent() || meta.get("owner").isPresent()) {
            throw ApiException.forbidden("The id and owner of an image cannot be changed");
        }
        boolean body = hasBody(request);
        Optional<ImageLocation> location = location(meta);
        if ((body || location.isPresent()) && image.status() != ImageStatus.QUEUED) {
            throw ApiException.conflict("Cannot upload to an unqueued image: image " + id + " is " + image.status().id());
        }
        String store = store(request, meta, body);
        long declared = declaredSize(request, meta, body);
        if (meta.editsRecord()) {
            edit(caller, id, meta);
        }
        takeData(id, request, meta, body ? Optional.of(store) : Optional.empty(), location, declared);
        return wrap(resources.visible(caller, id));
    }

    private void edit(Caller caller, String id, V1Headers.Meta meta) throws ApiException {
        for (int attempt = 0; attempt < ImageResources.ATTEMPTS; attempt++) {
            Image image = resources.modifiable(caller, id);
            ImageEdits edits = ImageEdits.of(image.attributes());
            V1Headers.apply(meta, edits, image.attributes());
            ImageAttributes attributes = edits.toAttributes();
            if (meta.get("is_public").isPresent()) {
                ImageResources.checkVisibility(caller, attributes.visibility());
            }
            if (parts.registry().update(id, image.version(), attributes)) {
                return;
            }
        }
        throw ApiException.conflict("Image " + id + " kept changing while it was being updated; try again");
    }

    /** The body's data, or the registered location's: the image {@code active}, or {@code killed} with nothing kept. */
    private void takeData(String id, Request request, V1Headers.Meta meta, Optional<String> store,
            Optional<ImageLocation> location, long declared) throws ApiException, IOException {
        Optional<String> md5 = meta.get("checksum");
        if (store.isPresent()) {
            UploadStreams.Begun begun;
            try {
                begun = streams.begin(id, UploadTransition.V1_UPLOAD, store.get(), declared);
            } catch (ApiException e) {
                kill(id);
                throw e;
            }
            try (InputStream body = RequestBodies.open(request)) {
                streams.streamToActive(begun, body, declared, md5);
            }
        } else if (location.isPresent()) {
            try {
                ImageData data = locations.read(id, location.get(), declared, md5);
                if (!parts.registry().locations().activate(id, data)) {
                    throw ApiException.conflict("Image " + id + " is not queued any more: an upload took it");
                }
            } catch (QuotaExceededException e) {
                kill(id);
                throw new ApiException(413, "The data of image " + id + " exceeds the owner quota");
            } catch (ApiException e) {
                kill(id);
                throw e;
            }
        }
    }

    private void kill(String id) {
        parts.registry().changeStatus(id, ImageStatus.QUEUED, ImageStatus.KILLED);
    }

    /** {@code x-image-meta-location}: a scheme the config allows, served by a configured store; 400 otherwise. */
    private Optional<ImageLocation> location(V1Headers.Meta meta) throws ApiException {
        Optional<String> url = meta.get("location");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String scheme;
        try {
            scheme = Optional.ofNullable(new URI(url.get()).getScheme()).orElse("").toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("x-image-meta-location is not a URL");
        }
        if (!parts.config().locationSchemes().contains(scheme)) {
            throw ApiException.badRequest("x-image-meta-location may only name " + String.join(", ",
                    parts.config().locationSchemes()) + " locations (images.location-schemes)");
        }
        try {
            String store = parts.stores().storeOf(new ImageLocation(url.get(), Map.of()));
            return Optional.of(parts.stores().locationIn(store, url.get()));
        } catch (InvalidLocationException e) {
            // decided before anything is sent: no store serves it, or its store's host rules refuse it
            throw ApiException.badRequest("x-image-meta-location is refused: no configured store serves it (an http"
                    + " store reaches only public hosts unless its allowedHosts opens others)");
        }
    }

    /** The store a body goes to (null without one); 400 for a body that is not octets or an unknown store named. */
    private String store(Request request, V1Headers.Meta meta, boolean body) throws ApiException {
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("");
        if (body && !type.split(";", 2)[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw ApiException.badRequest("Content-Type must be application/octet-stream");
        }
        String store = uploads.storeFor(meta.get("store").orElse(null));
        return body ? store : null;
    }

    private static long declaredSize(Request request, V1Headers.Meta meta, boolean body) throws ApiException {
        long length = body ? request.getLength() : -1;
        if (meta.get("size").isEmpty()) {
            return length;
        }
        long size;
        try {
            size = Long.parseLong(meta.get("size").get());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0) {
            throw ApiException.badRequest("Invalid value for header x-image-meta-size: expected a byte count");
        }
        if (length >= 0 && length != size) {
            throw ApiException.badRequest("x-image-meta-size says " + size + " bytes, the body has " + length);
        }
        return size;
    }

    private static void refuseCopyFrom(V1Headers.Meta meta) throws ApiException {
        if (meta.copyFrom().isPresent()) {
            throw ApiException.badRequest(V1Headers.COPY_FROM + " is not supported: use the v2 web-download import");
        }
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, "chunked");
    }

    ObjectNode wrap(Image image) {
        ObjectNode document = NODES.objectNode();
        document.set("image", V1Headers.document(image, parts.config().showDirectUrl()));
        return document;
    }
}
