package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.InvalidLocationException;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.LocationRegistry.Removal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The locations API ({@code PATCH} of {@code /locations}, Glance's {@code show_multiple_locations}):
 * admins add copies of an image's data that live in configured stores and remove locations. A
 * location added must be served by a configured store and hold the image's very bytes (read once:
 * size, MD5 and {@code os_hash} compared); the last location cannot be removed (403); the data of
 * a removed location is deleted unless another image points at it. Only images with data
 * ({@code active}, {@code deactivated}) have locations to change (409 otherwise).
 */
final class ImageLocations {
    private final ServiceParts parts;
    private final ImageResources resources;
    private final LocationReader reader;

    ImageLocations(ServiceParts parts, ImageResources resources) {
        this.parts = parts;
        this.resources = resources;
        this.reader = new LocationReader(parts);
    }

    /** Applies the patch's location operations; the patch changes nothing else. */
    void patch(Caller caller, String id, JsonPatch patch) throws ApiException {
        if (!parts.config().showMultipleLocations()) {
            throw ApiException.forbidden("Locations cannot be changed: the service does not show them"
                    + " (images.show-multiple-locations)");
        }
        if (!caller.admin()) {
            throw ApiException.forbidden("Only admins may change the locations of an image");
        }
        if (patch.changesAttributes()) {
            throw ApiException.badRequest("A JSON patch changes either the locations or the attributes of an image");
        }
        for (int attempt = 0; attempt < ImageResources.ATTEMPTS; attempt++) {
            Image image = resources.visible(caller, id);
            ImageData data = image.data().orElseThrow(() -> ApiException.conflict("Image " + id + " is "
                    + image.status().id() + "; only an image with data has locations to change"));
            List<ImageLocation> locations = apply(patch.locationOperations(), data.locations());
            if (locations.isEmpty()) {
                throw ApiException.forbidden("Cannot remove the last location of image " + id);
            }
            Set<String> urls = new HashSet<>();
            for (ImageLocation location : locations) {
                if (!urls.add(location.url())) {
                    throw ApiException.badRequest("Image " + id + " would have location " + location.url() + " twice");
                }
            }
            // a new location, or a known one with other metadata (which could route it elsewhere), is checked
            for (int i = 0; i < locations.size(); i++) {
                if (!data.locations().contains(locations.get(i))) {
                    locations.set(i, checkCopy(id, data, locations.get(i)));
                }
            }
            List<ImageLocation> dropped = data.locations().stream().filter(location -> !urls.contains(location.url())).toList();
            Optional<List<Removal>> removals = parts.registry().locations().replace(id, image.version(), locations, dropped);
            if (removals.isPresent()) {
                DeletedImages.removeData(parts.registry(), parts.stores(), removals.get());
                return;
            }
        }
        throw ApiException.conflict("Image " + id + " kept changing while its locations were being updated; try again");
    }

    private static List<ImageLocation> apply(List<JsonPatch.LocationOperation> operations, List<ImageLocation> current)
            throws ApiException {
        List<ImageLocation> locations = new ArrayList<>(current);
        for (JsonPatch.LocationOperation operation : operations) {
            int index = operation.index();
            if (index == JsonPatch.LocationOperation.WHOLE) {
                if (!operation.value().isArray()) {
                    throw ApiException.badRequest("/locations is replaced by a list of {url, metadata} objects");
                }
                locations.clear();
                for (JsonNode value : operation.value()) {
                    locations.add(location(value));
                }
            } else if (operation.op().equals("add")) {
                if (index > locations.size()) {
                    throw ApiException.badRequest("No location " + index + " to add before (the image has " + locations.size() + ")");
                }
                locations.add(index == JsonPatch.LocationOperation.APPEND ? locations.size() : index, location(operation.value()));
            } else {
                if (index >= locations.size()) {
                    throw ApiException.badRequest("No location " + index + " (the image has " + locations.size() + ")");
                }
                if (operation.op().equals("remove")) {
                    locations.remove(index);
                } else {
                    locations.set(index, location(operation.value()));
                }
            }
        }
        return locations;
    }

    private static ImageLocation location(JsonNode value) throws ApiException {
        if (value == null || !value.isObject() || !value.path("url").isTextual()) {
            throw ApiException.badRequest("A location is an object with a 'url' string and a 'metadata' object");
        }
        Map<String, String> metadata = new TreeMap<>();
        JsonNode given = value.path("metadata");
        if (!given.isMissingNode() && !given.isObject()) {
            throw ApiException.badRequest("The 'metadata' of a location is an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw ApiException.badRequest("The 'metadata' of a location is an object of strings");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return new ImageLocation(value.get("url").textValue(), metadata);
    }

    /**
     * A new location must be served by a configured store and hold exactly the image's data.
     *
     * @return the location, its metadata naming the store that serves it
     */
    private ImageLocation checkCopy(String id, ImageData data, ImageLocation location) throws ApiException {
        String store;
        try {
            store = parts.stores().storeOf(location);
        } catch (InvalidLocationException e) {
            throw ApiException.badRequest("Location " + ListParameters.quote(location.url()) + " is refused: no configured"
                    + " store serves it");
        }
        ImageData copy = reader.read(id, location, data.size(), Optional.of(data.checksum()));
        if (copy.hashAlgorithm().equals(data.hashAlgorithm()) && !copy.hashValue().equals(data.hashValue())) {
            throw ApiException.badRequest("The data at " + ListParameters.quote(location.url()) + " is not the data of image "
                    + id + " (its " + data.hashAlgorithm() + " differs)");
        }
        Map<String, String> metadata = new TreeMap<>(location.metadata());
        metadata.put(io.stowage.Location.STORE_KEY, store);
        return new ImageLocation(location.url(), metadata);
    }
}
