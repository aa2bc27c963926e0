package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.Capability;
import io.stowage.core.StoreInfo;
import io.stowage.image.service.registry.DuplicateImageException;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageQuery;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.Visibility;
import io.stowage.image.service.storage.ImageStores.StoreSummary;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Fields;

/** The image records of the v2 API: create, list, show, patch, delete, deactivate, tags, stores. */
final class ImageResources {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Concurrent changes of one image retried before a PATCH or DELETE gives up with 409. */
    static final int ATTEMPTS = 16;

    private final ServiceParts parts;

    ImageResources(ServiceParts parts) {
        this.parts = parts;
    }

    ObjectNode create(Caller caller, JsonNode body) throws ApiException {
        if (!body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object of image attributes");
        }
        String id = UUID.randomUUID().toString();
        Optional<String> owner = caller.project();
        ImageEdits edits = ImageEdits.of(ImageAttributes.defaults());
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "id" -> id = imageId(field.getValue());
                case "owner" -> owner = owner(caller, field.getValue());
                default -> edits.set(field.getKey(), field.getValue());
            }
        }
        return parts.documents().render(insert(caller, id, owner, edits.toAttributes()));
    }

    /** Adds a {@code queued} image; 403 for a public one made by a non-admin, 409 for a taken id. */
    Image insert(Caller caller, String id, Optional<String> owner, ImageAttributes attributes) throws ApiException {
        checkVisibility(caller, attributes.visibility());
        try {
            return parts.registry().create(id, owner, attributes);
        } catch (DuplicateImageException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    ObjectNode list(Caller caller, Fields parameters) throws ApiException {
        ImageQuery query = ListParameters.parse(parameters, caller);
        List<Image> page = page(caller, query, parameters.getValue("marker"));
        ObjectNode document = JsonBodies.MAPPER.createObjectNode();
        ArrayNode images = document.putArray("images");
        for (Image image : page) {
            images.add(parts.documents().render(image));
        }
        document.put("first", "/v2/images");
        document.put("schema", "/v2/schemas/images");
        if (!page.isEmpty() && page.size() == query.limit()) {
            document.put("next", ListParameters.next(parameters, page.get(page.size() - 1).id()));
        }
        return document;
    }

    /** One page of what the caller sees; 400 for a marker it cannot see. */
    List<Image> page(Caller caller, ImageQuery query, String marker) throws ApiException {
        if (marker != null && parts.registry().find(marker).filter(found -> caller.canSee(found, parts.registry().members())).isEmpty()) {
            throw ApiException.badRequest("marker " + ListParameters.quote(marker) + " could not be found");
        }
        return parts.registry().list(query);
    }

    ObjectNode show(Caller caller, String id) throws ApiException {
        return parts.documents().render(visible(caller, id));
    }

    ObjectNode patch(Caller caller, String id, JsonPatch patch) throws ApiException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Image image = modifiable(caller, id);
            ImageEdits edits = ImageEdits.of(image.attributes());
            patch.applyTo(edits);
            ImageAttributes attributes = edits.toAttributes();
            if (patch.touches("visibility")) {
                checkVisibility(caller, attributes.visibility());
            }
            if (parts.registry().update(id, image.version(), attributes)) {
                return show(caller, id);
            }
        }
        throw ApiException.conflict("Image " + id + " kept changing while it was being updated; try again");
    }

    void delete(Caller caller, String id) throws ApiException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Image image = modifiable(caller, id);
            if (image.attributes().isProtected()) {
                throw ApiException.forbidden("Image " + id + " is protected and cannot be deleted");
            }
            if (parts.registry().markDeleted(id, image.version())) {
                DeletedImages.remove(parts.registry(), parts.stores(), id, image.data().map(data -> data.locations()).orElse(List.of()));
                // staged data, if any
                parts.recovery().runFor(id);
                return;
            }
        }
        throw ApiException.conflict("Image " + id + " kept changing while it was being deleted; try again");
    }

    void deactivate(Caller caller, String id, boolean deactivate) throws ApiException {
        Image image = visible(caller, id);
        if (!caller.admin()) {
            throw ApiException.forbidden("Only admins may " + (deactivate ? "deactivate" : "reactivate") + " images");
        }
        ImageStatus from = deactivate ? ImageStatus.ACTIVE : ImageStatus.DEACTIVATED;
        ImageStatus to = deactivate ? ImageStatus.DEACTIVATED : ImageStatus.ACTIVE;
        if (image.status() == to || parts.registry().changeStatus(id, from, to)) {
            return;
        }
        Image now = visible(caller, id);
        if (now.status() != to) {
            throw ApiException.badRequest("Image " + id + " is " + now.status().id() + "; only "
                    + (deactivate ? "active" : "deactivated") + " images can be " + (deactivate ? "deactivated" : "reactivated"));
        }
    }

    void tag(Caller caller, String id, String tag, boolean add) throws ApiException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Image image = modifiable(caller, id);
            java.util.TreeSet<String> tags = new java.util.TreeSet<>(image.attributes().tags());
            if (add ? !tags.add(tag) : !tags.remove(tag)) {
                if (add) {
                    return;
                }
                throw ApiException.notFound("Image " + id + " has no tag " + ListParameters.quote(tag));
            }
            ImageEdits edits = ImageEdits.of(image.attributes());
            ArrayNode list = JsonBodies.MAPPER.createArrayNode();
            tags.forEach(list::add);
            edits.set("tags", list);
            if (parts.registry().update(id, image.version(), edits.toAttributes())) {
                return;
            }
        }
        throw ApiException.conflict("Image " + id + " kept changing while its tags were being updated; try again");
    }

    ObjectNode stores() {
        ObjectNode document = JsonBodies.MAPPER.createObjectNode();
        ArrayNode stores = document.putArray("stores");
        for (StoreSummary info : parts.stores().describe()) {
            ObjectNode store = stores.addObject();
            store.put("id", info.name());
            store.put("description", info.type() + " store");
            if (info.isDefault()) {
                store.put("default", true);
            }
            if (!info.writable()) {
                store.put("read-only", "true");
            }
        }
        return document;
    }

    Image visible(Caller caller, String id) throws ApiException {
        return parts.registry().find(id).filter(found -> caller.canSee(found, parts.registry().members())).orElseThrow(() -> ApiException.imageNotFound(id));
    }

    Image modifiable(Caller caller, String id) throws ApiException {
        Image image = visible(caller, id);
        if (!caller.canModify(image)) {
            throw ApiException.forbidden("You are not allowed to modify image " + id);
        }
        return image;
    }

    static String imageId(JsonNode value) throws ApiException {
        if (!value.isTextual() || !UUID_TEXT.matcher(value.textValue()).matches()) {
            throw ApiException.badRequest("Invalid value for 'id': expected a UUID");
        }
        return value.textValue().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<String> owner(Caller caller, JsonNode value) throws ApiException {
        if (value.isNull()) {
            return caller.admin() ? Optional.empty() : caller.project();
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > ImageEdits.MAX_NAME) {
            throw ApiException.badRequest("Invalid value for 'owner': expected a project id");
        }
        if (!caller.admin() && !caller.project().equals(Optional.of(value.textValue()))) {
            throw ApiException.forbidden("You are not allowed to create images owned by another project");
        }
        return Optional.of(value.textValue());
    }

    static void checkVisibility(Caller caller, Visibility visibility) throws ApiException {
        if (visibility == Visibility.PUBLIC && !caller.admin()) {
            throw ApiException.forbidden("Only admins may make images public");
        }
    }
}
