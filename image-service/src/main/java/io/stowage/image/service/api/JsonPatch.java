package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON patch documents of {@code PATCH /v2/images/{id}}: media type
 * {@code application/openstack-images-v2.1-json-patch} (RFC 6902 operations:
 * {@code {"op": "replace", "path": "/name", "value": "x"}}) and the older
 * {@code application/openstack-images-v2.0-json-patch} ({@code {"replace": "/name", "value": "x"}}).
 * Operations: add, replace, remove on top-level paths, and on {@code /locations} (the whole list)
 * and {@code /locations/<index>} ({@code -} to append), which {@link ImageLocations} applies.
 */
final class JsonPatch {
    static final String V21 = "application/openstack-images-v2.1-json-patch";
    static final String V20 = "application/openstack-images-v2.0-json-patch";
    static final int MAX_OPERATIONS = 256;

    private record Operation(String op, String attribute, JsonNode value) {}

    /**
     * An operation on the image's locations.
     *
     * @param index the position in the list; {@link #APPEND} for {@code /locations/-},
     *     {@link #WHOLE} for {@code /locations}
     */
    record LocationOperation(String op, int index, JsonNode value) {
        static final int APPEND = -1;
        static final int WHOLE = -2;
    }

    private final List<Operation> operations;
    private final List<LocationOperation> locationOperations;

    private JsonPatch(List<Operation> operations, List<LocationOperation> locationOperations) {
        this.operations = operations;
        this.locationOperations = locationOperations;
    }

    static JsonPatch parse(JsonNode document, boolean v21) throws ApiException {
        if (!document.isArray()) {
            throw ApiException.badRequest("A JSON patch is a list of operations");
        }
        if (document.size() > MAX_OPERATIONS) {
            throw new ApiException(413, "A JSON patch holds at most " + MAX_OPERATIONS + " operations");
        }
        List<Operation> operations = new ArrayList<>();
        List<LocationOperation> locationOperations = new ArrayList<>();
        for (JsonNode entry : document) {
            if (!entry.isObject()) {
                throw ApiException.badRequest("Each JSON patch operation is an object");
            }
            String op;
            JsonNode path;
            if (v21) {
                op = entry.path("op").asText("");
                path = entry.get("path");
            } else {
                op = entry.has("add") ? "add" : entry.has("replace") ? "replace" : entry.has("remove") ? "remove" : "";
                path = entry.get(op);
            }
            if (!List.of("add", "replace", "remove").contains(op)) {
                throw ApiException.badRequest("Unsupported JSON patch operation; supported: add, replace, remove");
            }
            if (path == null || !path.isTextual()) {
                throw ApiException.badRequest("A JSON patch operation needs a 'path' string");
            }
            JsonNode value = entry.get("value");
            if (!op.equals("remove") && value == null) {
                throw ApiException.badRequest("JSON patch operation '" + op + "' needs a 'value'");
            }
            if (path.textValue().equals("/locations") || path.textValue().startsWith("/locations/")) {
                locationOperations.add(new LocationOperation(op, locationIndex(op, path.textValue()), value));
            } else {
                operations.add(new Operation(op, attribute(path.textValue()), value));
            }
        }
        return new JsonPatch(operations, locationOperations);
    }

    private static int locationIndex(String op, String path) throws ApiException {
        if (path.equals("/locations")) {
            if (!op.equals("replace")) {
                throw ApiException.badRequest("The whole /locations list can only be replaced");
            }
            return LocationOperation.WHOLE;
        }
        String index = path.substring("/locations/".length());
        if (index.equals("-") && op.equals("add")) {
            return LocationOperation.APPEND;
        }
        if (!index.matches("\\d{1,4}")) {
            throw ApiException.badRequest("Invalid JSON patch path; expected /locations/<index>"
                    + (op.equals("add") ? " or /locations/-" : ""));
        }
        return Integer.parseInt(index);
    }

    private static String attribute(String path) throws ApiException {
        if (!path.startsWith("/") || path.length() < 2) {
            throw ApiException.badRequest("Invalid JSON patch path; expected /attribute");
        }
        String rest = path.substring(1);
        if (rest.contains("/")) {
            throw ApiException.badRequest("Invalid JSON patch path; only top-level attributes can be changed");
        }
        return rest.replace("~1", "/").replace("~0", "~");
    }

    /** Applies every operation in order; 403, 409 or 400 for the first one that cannot apply. */
    void applyTo(ImageEdits edits) throws ApiException {
        for (Operation operation : operations) {
            switch (operation.op()) {
                case "add" -> edits.set(operation.attribute(), operation.value());
                case "replace" -> {
                    ImageEdits.checkWritable(operation.attribute());
                    if (!edits.has(operation.attribute())) {
                        throw ApiException.conflict("Property " + operation.attribute() + " does not exist");
                    }
                    edits.set(operation.attribute(), operation.value());
                }
                default -> edits.remove(operation.attribute());
            }
        }
    }

    /** The operations on the image's locations, in order. */
    List<LocationOperation> locationOperations() {
        return locationOperations;
    }

    /** Whether the patch changes attributes (not only locations). */
    boolean changesAttributes() {
        return !operations.isEmpty();
    }

    /** Whether the patch changes the attribute. */
    boolean touches(String attribute) {
        return operations.stream().anyMatch(operation -> operation.attribute().equals(attribute));
    }
}
