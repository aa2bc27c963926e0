package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.TestService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input to the request parsers of a running service: random query strings, JSON bodies,
 * JSON patches, Range headers, v1 {@code x-image-meta-*} headers and import bodies. Every answer is a success or a 4xx with one line of reason,
 * never a 5xx, a stack trace or a hang.
 */
class RequestParsersPropertiesTest {
    private static Path dir;
    private static TestService service;
    private static Http http;
    private static String image;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("request-parsers");
        service = TestService.start(dir);
        http = new Http(service);
        image = http.create("{\"name\": \"target\"}");
        http.put("/v2/images/" + image + "/file", new byte[1000], "Content-Type", "application/octet-stream");
    }

    @AfterContainer
    static void stop() throws Exception {
        service.close();
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("{}[]\":,-0123456789.eE truefalsnul\\/~#").ofMaxLength(60),
                Arbitraries.of("limit", "marker", "sort", "sort_key", "sort_dir", "name", "status", "visibility",
                        "size_min", "size_max", "tag", "protected", "os_hidden", "member_status", "checksum", "id",
                        "asc", "desc", "name:asc,size:desc", "-1", "99999999999999999999", "all", "community", "%00",
                        "/name", "/locations/0", "op", "replace", "add", "remove", "path", "value", "glance-direct",
                        "web-download", "http://127.0.0.1/x", "is_public", "min_ram", "size", "location", "store",
                        "property-x", "True", "%41%zz", "file:///etc/passwd"));
    }

    @Property(tries = 150)
    void queryStrings(@ForAll("text") String key, @ForAll("text") String value, @ForAll("text") String key2,
            @ForAll("text") String value2) {
        check(http.get("/v2/images?" + encode(key) + "=" + encode(value) + "&" + encode(key2) + "=" + encode(value2)));
    }

    @Property(tries = 150)
    void createBodies(@ForAll("text") String key, @ForAll("text") String value, @ForAll("text") String raw) {
        check(http.post("/v2/images", "{\"" + escape(key) + "\": \"" + escape(value) + "\"}"));
        check(http.post("/v2/images", raw));
    }

    @Property(tries = 150)
    void patches(@ForAll("text") String op, @ForAll("text") String path, @ForAll("text") String raw) {
        check(http.patch("/v2/images/" + image, JsonPatch.V21,
                "[{\"op\": \"" + escape(op) + "\", \"path\": \"" + escape(path) + "\", \"value\": \"v\"}]"));
        check(http.patch("/v2/images/" + image, JsonPatch.V20, raw));
    }

    @Property(tries = 100)
    void ranges(@ForAll("text") String range) {
        String header = range.replaceAll("[^\\x20-\\x7e]", "");
        if (!header.isBlank()) {
            check(http.get("/v2/images/" + image + "/file", "Range", "bytes=" + header));
        }
    }

    @Property(tries = 150)
    void v1Headers(@ForAll("text") String attribute, @ForAll("text") String value, @ForAll("text") String query) {
        String name = attribute.replaceAll("[^A-Za-z0-9_-]", "");
        String header = value.replaceAll("[^\\x20-\\x7e]", "").trim();
        if (!name.isEmpty()) {
            check(http.exchange("POST", "/v1/images", null, "x-image-meta-" + name, header.isEmpty() ? "x" : header));
            check(http.exchange("PUT", "/v1/images/" + image, null, "x-image-meta-property-" + name, header.isEmpty() ? "x" : header));
        }
        check(http.get("/v1/images/detail?" + encode(query) + "=" + encode(value)));
    }

    @Property(tries = 100)
    void importBodies(@ForAll("text") String method, @ForAll("text") String uri, @ForAll("text") String raw) {
        check(http.post("/v2/images/" + image + "/import", "{\"method\": {\"name\": \"" + escape(method)
                + "\", \"uri\": \"" + escape(uri) + "\"}}"));
        check(http.post("/v2/images/" + image + "/import", raw));
    }

    private static void check(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 499);
        if (reply.status() >= 400) {
            assertThat(reply.text().lines().count()).as(reply.toString()).isEqualTo(1);
            assertThat(reply.text()).doesNotContain("Exception", "\tat ");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
