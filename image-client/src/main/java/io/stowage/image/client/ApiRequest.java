package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One request of the image API, independent of the server it goes to: the method, the path and
 * query below the server's base URL ({@code /v2/images/abc}), headers and a body.
 */
final class ApiRequest {
    private final String method;
    private final String pathAndQuery;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<HttpEntity> body = Optional.empty();

    private ApiRequest(String method, String pathAndQuery) {
        this.method = requireNonNull(method, "method is null");
        this.pathAndQuery = requireNonNull(pathAndQuery, "pathAndQuery is null");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("A request path starts with '/': " + pathAndQuery);
        }
    }

    static ApiRequest of(String method, String pathAndQuery) {
        return new ApiRequest(method, pathAndQuery);
    }

    ApiRequest header(String name, String value) {
        headers.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return this;
    }

    ApiRequest body(HttpEntity entity) {
        this.body = Optional.of(requireNonNull(entity, "entity is null"));
        return this;
    }

    String method() {
        return method;
    }

    String pathAndQuery() {
        return pathAndQuery;
    }

    Map<String, String> headers() {
        return headers;
    }

    Optional<HttpEntity> body() {
        return body;
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery;
    }
}
