package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** The calls the nodes scenario makes to one image-service node, over the JDK's HTTP client (HTTP/1.1, keep-alive). */
final class ImageNodeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;

    ImageNodeClient(HttpClient http, int port) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Creates a queued image and returns its id. */
    String create(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"disk_format\": \"raw\","
                        + " \"container_format\": \"bare\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return expect(201, response, "create").get("id").textValue();
    }

    /** Uploads {@code file} as the image's data. */
    void upload(String id, Path file) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("upload to image " + id + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The image's data, to be read to its end. */
    InputStream download(String id) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/images/" + id + "/file"))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("download of image " + id + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The image document. */
    JsonNode show(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/images/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return expect(200, response, "show");
    }

    void delete(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/images/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("delete of image " + id + " answered " + response.statusCode());
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
