package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The Glance v2 calls the image benchmarks make, against {@code stowage serve} and against
 * Glance alike (the same client for both): create, show, list page by page, delete, and the
 * data upload and download of the concurrent scenario. One pooled Apache HttpClient 5 with
 * keep-alive; every call checks its status and fails with the service's answer otherwise.
 */
final class ImageApiCalls implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COPY_BUFFER = 128 * 1024;

    private final URI base;
    private final CloseableHttpClient client;

    /** A client of the service at {@code base} ({@code http://127.0.0.1:PORT}), up to {@code connections} at once. */
    ImageApiCalls(String base, int connections) {
        this.base = URI.create(base + "/");
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(30)).setSocketTimeout(Timeout.ofMinutes(10)).build())
                        .build())
                .disableAutomaticRetries()
                .build();
    }

    /** The URL of an image's data. */
    String fileUrl(String id) {
        return base.resolve("v2/images/" + id + "/file").toString();
    }

    /** Creates a raw/bare image named {@code name}; returns its id. */
    String create(String name) throws IOException {
        HttpPost post = new HttpPost(base.resolve("v2/images"));
        post.setEntity(new StringEntity(JSON.writeValueAsString(java.util.Map.of("name", name, "disk_format", "raw",
                "container_format", "bare")), ContentType.APPLICATION_JSON));
        return document(post, 201).path("id").asText();
    }

    /** The image's document. */
    JsonNode show(String id) throws IOException {
        return document(new HttpGet(base.resolve("v2/images/" + id)), 200);
    }

    /** Lists every image, {@code pageSize} a page, following the {@code next} links; returns how many there were. */
    int listAll(int pageSize) throws IOException {
        int count = 0;
        URI page = base.resolve("v2/images?limit=" + pageSize);
        while (page != null) {
            JsonNode images = document(new HttpGet(page), 200);
            count += images.path("images").size();
            String next = images.path("next").asText("");
            page = next.isEmpty() ? null : base.resolve(next.startsWith("/") ? next.substring(1) : next);
        }
        return count;
    }

    /** Deletes the image (and its data). */
    void delete(String id) throws IOException {
        client.execute(new HttpDelete(base.resolve("v2/images/" + id)), response -> expect(response, 204));
    }

    /** Uploads {@code size} bytes of {@code data} as the image's data; returns the MD5 of what was sent. */
    String upload(String id, InputStream data, long size) throws IOException {
        MessageDigest md5 = md5();
        HttpPut put = new HttpPut(fileUrl(id));
        put.setEntity(new InputStreamEntity(new DigestInputStream(data, md5), size, ContentType.APPLICATION_OCTET_STREAM));
        client.execute(put, response -> expect(response, 204));
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Downloads the image's data; returns its MD5, having checked that {@code size} bytes came. */
    String downloadMd5(String id, long size) throws IOException {
        return client.execute(new HttpGet(fileUrl(id)), response -> {
            expect(response, 200);
            MessageDigest md5 = md5();
            long total = 0;
            try (InputStream in = response.getEntity().getContent()) {
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    md5.update(buffer, 0, n);
                    total += n;
                }
            }
            Drain.check("download of image " + id, total, size);
            return HexFormat.of().formatHex(md5.digest());
        });
    }

    private JsonNode document(HttpUriRequestBase request, int status) throws IOException {
        return client.execute(request, response -> {
            String body = text(response);
            if (response.getCode() != status) {
                throw new IOException(request.getMethod() + " " + request.getRequestUri() + " answered " + response.getCode()
                        + ", expected " + status + ": " + body);
            }
            return JSON.readTree(body);
        });
    }

    private static Void expect(ClassicHttpResponse response, int status) throws IOException {
        if (response.getCode() != status) {
            throw new IOException("answered " + response.getCode() + ", expected " + status + ": " + text(response));
        }
        if (status != 200) {
            EntityUtils.consume(response.getEntity());
        }
        return null;
    }

    private static String text(ClassicHttpResponse response) throws IOException {
        try {
            return response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        } catch (ParseException e) {
            throw new IOException("unreadable answer: " + e.getMessage(), e);
        }
    }

    /** The MD5 of a file's bytes as lower-case hex. */
    static String md5Of(java.nio.file.Path file) throws IOException {
        MessageDigest md5 = md5();
        try (InputStream in = new DigestInputStream(java.nio.file.Files.newInputStream(file), md5)) {
            Drain.drain(in);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5", e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
