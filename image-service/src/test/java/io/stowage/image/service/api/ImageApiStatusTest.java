package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.TestService;
import io.stowage.tck.fault.Faults;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every status of the API's error table, and the successful ones, against a running service. */
class ImageApiStatusTest {
    private static final String OCTETS = "application/octet-stream";
    private static final long CAP = 1024 * 1024;

    @TempDir
    Path dir;
    private TestService service;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(dir, settings -> settings.sizeCap(CAP));
        http = new Http(service);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void versionsAndSchemas() {
        assertThat(http.get("/").status()).isEqualTo(300);
        assertThat(http.get("/versions").json().get("versions").get(0).get("status").textValue()).isEqualTo("CURRENT");
        Reply image = http.get("/v2/schemas/image");
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.json().get("additionalProperties").get("type").textValue()).isEqualTo("string");
        assertThat(http.get("/v2/schemas/images").json().get("properties").get("images").get("items").get("name").textValue())
                .isEqualTo("image");
        assertThat(http.get("/v2/schemas/member").json().get("name").textValue()).isEqualTo("member");
        assertThat(http.get("/v2/schemas/tasks").status()).isEqualTo(404);
    }

    @Test
    void createShowListDelete() {
        Reply created = http.post("/v2/images", "{\"name\": \"cirros\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\","
                + " \"tags\": [\"b\", \"a\"], \"os_distro\": \"cirros\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").textValue();
        assertThat(created.json().get("status").textValue()).isEqualTo("queued");
        assertThat(created.json().get("os_distro").textValue()).isEqualTo("cirros");
        assertThat(http.show(id).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(http.get("/v2/images?name=cirros").json().get("images").get(0).get("id").textValue()).isEqualTo(id);
        assertThat(http.get("/v2/images?os_distro=other").json().get("images").size()).isZero();

        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void uploadThenDownloadWholeAndRanges() throws Exception {
        byte[] data = bytes(300_000);
        String id = http.create("{\"name\": \"x\"}");

        assertThat(http.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS, "X-Image-Meta-Store", "fast").status())
                .isEqualTo(204);

        var image = http.show(id);
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        assertThat(image.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(image.get("os_hash_algo").textValue()).isEqualTo("sha512");
        assertThat(image.get("os_hash_value").textValue()).isEqualTo(hex("SHA-512", data));
        assertThat(image.get("stores").textValue()).isEqualTo("fast");
        Reply whole = http.get("/v2/images/" + id + "/file");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        assertThat(whole.header("Content-MD5")).contains(hex("MD5", data));
        Reply part = http.get("/v2/images/" + id + "/file", "Range", "bytes=5-9");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).contains("bytes 5-9/" + data.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 5, 10));
        assertThat(http.get("/v2/images/" + id + "/file", "Range", "bytes=-4").body())
                .isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 4, data.length));
        Reply beyond = http.get("/v2/images/" + id + "/file", "Range", "bytes=" + data.length + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).contains("bytes */" + data.length);
        assertThat(http.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS).status()).isEqualTo(409);
    }

    @Test
    void anImageWithoutDataAnswers204() {
        String id = http.create("{}");
        assertThat(http.get("/v2/images/" + id + "/file").status()).isEqualTo(204);
    }

    @Test
    void anUnknownOrReadOnlyStoreIs400AndChangesNothing() {
        String id = http.create("{}");

        Reply unknown = http.put("/v2/images/" + id + "/file", bytes(10), "Content-Type", OCTETS, "X-Image-Meta-Store", "nope");
        Reply readOnly = http.put("/v2/images/" + id + "/file", bytes(10), "Content-Type", OCTETS, "X-Image-Meta-Store", "ro");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).isEqualTo("400 Bad Request: Unknown store 'nope' in header X-Image-Meta-Store"
                + " (stores: fast, flaky, local, ro)\n");
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(readOnly.text()).contains("Store 'ro' is read-only");
        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");
    }

    @Test
    void wrongContentTypesAre415() {
        String id = http.create("{}");

        assertThat(http.put("/v2/images/" + id + "/file", bytes(10), "Content-Type", "text/plain").status()).isEqualTo(415);
        Reply patch = http.patch("/v2/images/" + id, "application/json", "[]");
        assertThat(patch.status()).isEqualTo(415);
        assertThat(patch.header("Accept-Patch")).contains(JsonPatch.V21 + ", " + JsonPatch.V20);
        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");
    }

    @Test
    void malformedRequestsGetA4xxWithOneLineAndNoStackTrace() {
        Reply json = http.post("/v2/images", "{\"name\": ");
        Reply notObject = http.post("/v2/images", "[1]");
        Reply sortKey = http.get("/v2/images?sort_key=password");
        Reply limit = http.get("/v2/images?limit=-1");
        Reply marker = http.get("/v2/images?marker=00000000-0000-0000-0000-000000000000");
        Reply badId = http.post("/v2/images", "{\"id\": \"../../etc\"}");
        Reply format = http.post("/v2/images", "{\"disk_format\": \"exe\"}");
        Reply property = http.post("/v2/images", "{\"os_distro\": 5}");

        for (Reply reply : new Reply[] {json, notObject, sortKey, limit, marker, badId, format, property}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.text().lines().count()).as(reply.toString()).isEqualTo(1);
            assertThat(reply.text()).doesNotContain("Exception", "\tat ", "io.stowage");
        }
        assertThat(sortKey.text()).isEqualTo("400 Bad Request: Invalid sort key: 'password'\n");
    }

    @Test
    void readOnlyAttributesAndProtectedImagesAre403() {
        assertThat(http.post("/v2/images", "{\"status\": \"active\"}").status()).isEqualTo(403);
        String id = http.create("{\"protected\": true}");

        assertThat(http.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"replace\", \"path\": \"/checksum\", \"value\": \"x\"}]").status())
                .isEqualTo(403);
        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(403);
        assertThat(http.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]").status())
                .isEqualTo(200);
        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(204);
    }

    @Test
    void patchesInBothMediaTypes() {
        String id = http.create("{\"name\": \"a\", \"extra\": \"1\"}");

        Reply v21 = http.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"b\"},"
                + " {\"op\": \"add\", \"path\": \"/os_distro\", \"value\": \"debian\"}, {\"op\": \"remove\", \"path\": \"/extra\"}]");
        Reply v20 = http.patch("/v2/images/" + id, JsonPatch.V20, "[{\"replace\": \"/min_ram\", \"value\": 512}]");
        Reply missing = http.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"remove\", \"path\": \"/nothing\"}]");

        assertThat(v21.status()).isEqualTo(200);
        assertThat(v21.json().get("name").textValue()).isEqualTo("b");
        assertThat(v21.json().get("os_distro").textValue()).isEqualTo("debian");
        assertThat(v21.json().has("extra")).isFalse();
        assertThat(v20.json().get("min_ram").intValue()).isEqualTo(512);
        assertThat(missing.status()).isEqualTo(409);
    }

    @Test
    void unknownImagesAre404AndWrongMethods405() {
        assertThat(http.get("/v2/images/4b2c6a5e-0000-4000-8000-000000000000").status()).isEqualTo(404);
        assertThat(http.put("/v2/images/4b2c6a5e-0000-4000-8000-000000000000/file", bytes(1), "Content-Type", OCTETS).status())
                .isEqualTo(404);
        assertThat(http.get("/v3/images").status()).isEqualTo(404);
        Reply method = http.method("POST", "/v2/images/4b2c6a5e-0000-4000-8000-000000000000");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).contains("GET, PATCH, DELETE");
    }

    @Test
    void overTheSizeCapIs413WhileStreamingAndNothingIsKept() {
        String id = http.create("{}");
        byte[] tooLarge = bytes((int) CAP * 3);

        Reply chunked = http.putStream("/v2/images/" + id + "/file", () -> new ByteArrayInputStream(tooLarge), "Content-Type", OCTETS);
        Reply declared = http.put("/v2/images/" + id + "/file", tooLarge, "Content-Type", OCTETS);

        assertThat(chunked.status()).isEqualTo(413);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");
        assertThat(service.storedFiles()).isEmpty();
        assertThat(http.put("/v2/images/" + id + "/file", bytes((int) CAP), "Content-Type", OCTETS).status()).isEqualTo(204);
    }

    @Test
    void largeJsonBodiesAre413() {
        String large = "{\"name\": \"" + "x".repeat(JsonBodies.MAX_BODY) + "\"}";
        assertThat(http.post("/v2/images", large).status()).isEqualTo(413);
    }

    @Test
    void anUnavailableStoreIs503AndTheImageStaysQueued() {
        String id = http.create("{}");
        service.flaky().faults().inject(Faults.NONE.withUnavailable(Faults.Operation.ADD));

        Reply failed = http.put("/v2/images/" + id + "/file", bytes(1000), "Content-Type", OCTETS, "X-Image-Meta-Store", "flaky");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");

        service.flaky().faults().inject(Faults.NONE.withAddFailureAfter(500));
        assertThat(http.put("/v2/images/" + id + "/file", bytes(1000), "Content-Type", OCTETS, "X-Image-Meta-Store", "flaky")
                .status()).isEqualTo(503);
        assertThat(service.flaky().memory().objectCount()).isZero();

        service.flaky().faults().inject(Faults.NONE);
        assertThat(http.put("/v2/images/" + id + "/file", bytes(1000), "Content-Type", OCTETS, "X-Image-Meta-Store", "flaky")
                .status()).isEqualTo(204);
        service.flaky().faults().inject(Faults.NONE.withUnavailable(Faults.Operation.GET));
        assertThat(http.get("/v2/images/" + id + "/file").status()).isEqualTo(503);
    }

    @Test
    void deactivateAndReactivate() {
        String id = http.create("{}");
        assertThat(http.method("POST", "/v2/images/" + id + "/actions/deactivate").status()).isEqualTo(400);
        http.put("/v2/images/" + id + "/file", bytes(10), "Content-Type", OCTETS);

        assertThat(http.method("POST", "/v2/images/" + id + "/actions/deactivate").status()).isEqualTo(204);
        assertThat(http.show(id).get("status").textValue()).isEqualTo("deactivated");
        assertThat(http.method("POST", "/v2/images/" + id + "/actions/reactivate").status()).isEqualTo(204);
        assertThat(http.show(id).get("status").textValue()).isEqualTo("active");
    }

    @Test
    void tags() {
        String id = http.create("{}");
        assertThat(http.put("/v2/images/" + id + "/tags/blue", new byte[0]).status()).isEqualTo(204);
        assertThat(http.show(id).get("tags").toString()).isEqualTo("[\"blue\"]");
        assertThat(http.delete("/v2/images/" + id + "/tags/blue").status()).isEqualTo(204);
        assertThat(http.delete("/v2/images/" + id + "/tags/blue").status()).isEqualTo(404);
    }

    @Test
    void infoStoresNamesTheDefault() {
        assertThat(http.get("/v2/info/stores").json().toString()).isEqualTo("{\"stores\":["
                + "{\"id\":\"fast\",\"description\":\"file store\"},"
                + "{\"id\":\"flaky\",\"description\":\"faulty-memory store\"},"
                + "{\"id\":\"local\",\"description\":\"file store\",\"default\":true},"
                + "{\"id\":\"ro\",\"description\":\"memory store\",\"read-only\":\"true\"}]}");
    }

    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
