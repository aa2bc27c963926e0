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
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.FileEntity;

/**
 * The calls the nodes scenario makes to one image-service node: the JSON ones over the JDK's HTTP
 * client, the data over Apache HttpClient 5 classic, the transport the raw SDK baselines use too
 * (keep-alive, HTTP/1.1 for both).
 */
final class ImageNodeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final CloseableHttpClient data;
    private final String base;

    ImageNodeClient(HttpClient http, CloseableHttpClient data, int port) {
        this.http = http;
        this.data = data;
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
    void upload(String id, Path file) throws IOException {
        HttpPut put = new HttpPut(base + "/v2/images/" + id + "/file");
        put.setEntity(new FileEntity(file.toFile(), ContentType.APPLICATION_OCTET_STREAM));
        int status = data.execute(put, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
        if (status != 204) {
            throw new IllegalStateException("upload to image " + id + " answered " + status);
        }
    }

    /** Reads the image's data to its end through {@link Drain} and returns the bytes read. */
    long download(String id) throws IOException {
        return data.execute(new HttpGet(base + "/v2/images/" + id + "/file"), response -> {
            if (response.getCode() != 200) {
                throw new IllegalStateException("download of image " + id + " answered " + response.getCode());
            }
            try (InputStream in = response.getEntity().getContent()) {
                return Drain.drain(in);
            }
        });
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
