package io.stowage.image.service.api;

import java.util.Map;

/**
 * A request that ends with an error status and a one-line reason, as Glance answers it. The
 * reason names what was wrong (an id, a key, a store) and never a token or a stack trace.
 */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    ApiException(int status, String reason) {
        this(status, reason, Map.of());
    }

    ApiException(int status, String reason, Map<String, String> headers) {
        super(reason, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    static ApiException forbidden(String reason) {
        return new ApiException(403, reason);
    }

    static ApiException notFound(String reason) {
        return new ApiException(404, reason);
    }

    static ApiException conflict(String reason) {
        return new ApiException(409, reason);
    }

    static ApiException imageNotFound(String id) {
        return notFound("No image found with ID " + id);
    }
}
