package io.stowage.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A small JSON client of the image API for tests: every call returns status, headers and body. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.util.function.Function<String, URI> uris;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Optional<String> token;

    public Http(TestService service) {
        this(service, Optional.empty());
    }

    public Http(TestService service, Optional<String> token) {
        this(service::uri, token);
    }

    /** A client of the service whose paths {@code uris} resolves (another process, say). */
    public Http(java.util.function.Function<String, URI> uris, Optional<String> token) {
        this.uris = uris;
        this.token = token;
    }

    public Http withToken(String value) {
        return new Http(uris, Optional.of(value));
    }

    /** What came back. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + (body.length > 300 ? text().substring(0, 300) : text());
        }
    }

    public Reply get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply post(String path, String json) {
        return send(request(path, "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String contentType, String json) {
        return send(request(path, "Content-Type", contentType).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, byte[] data, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
    }

    /** A PUT whose body has no declared length (chunked), read from {@code data}. */
    public Reply putStream(String path, Supplier<InputStream> data, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofInputStream(data)));
    }

    /** Any request: {@code body} (none when null) with {@code headers} as name, value pairs. */
    public Reply exchange(String method, String path, byte[] body, String... headers) {
        return send(request(path, headers).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any request with a body of no declared length (chunked), read from {@code data}. */
    public Reply exchangeChunked(String method, String path, Supplier<InputStream> data, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofInputStream(data)));
    }

    public Reply method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates an image with {@code json} attributes and returns its id. */
    public String create(String json) {
        Reply reply = post("/v2/images", json);
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply);
        }
        return reply.json().get("id").textValue();
    }

    public JsonNode show(String id) {
        Reply reply = get("/v2/images/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("show failed: " + reply);
        }
        return reply.json();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uris.apply(path)).timeout(Duration.ofSeconds(60));
        token.ifPresent(value -> builder.header("X-Auth-Token", value));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
