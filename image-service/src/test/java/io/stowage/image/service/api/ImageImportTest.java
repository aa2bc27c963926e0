package io.stowage.image.service.api;

import static io.stowage.image.service.api.ImageApiStatusTest.bytes;
import static io.stowage.image.service.api.ImageApiStatusTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.LoopbackOrigin;
import io.stowage.image.service.TestService;
import io.stowage.tck.fault.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperable import: {@code glance-direct} (stage, then import into a store) and
 * {@code web-download} (the service fetches a URL through its http store, under that store's host
 * rules), {@code /v2/info/import}, and what a failed import leaves: the image {@code queued} again
 * and nothing in any store.
 */
class ImageImportTest {
    private static final String OCTETS = "application/octet-stream";
    private static final String FORMATS = "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private TestService service;
    private LoopbackOrigin origin;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void infoImportListsTheEnabledMethods() throws Exception {
        service = TestService.start(dir, settings -> settings.webDownloadStore("web"), "  web: { type: http }\n");

        JsonNode info = new Http(service).get("/v2/info/import").json();

        assertThat(info.get("import-methods").get("type").textValue()).isEqualTo("array");
        assertThat(info.get("import-methods").get("value")).extracting(JsonNode::textValue)
                .containsExactly("glance-direct", "web-download");
    }

    @Test
    void withoutAWebDownloadStoreOnlyGlanceDirectIsOffered() throws Exception {
        origin = LoopbackOrigin.start().serve("/cirros.img", bytes(1000));
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create(FORMATS);

        assertThat(http.get("/v2/info/import").json().get("import-methods").get("value")).extracting(JsonNode::textValue)
                .containsExactly("glance-direct");
        Reply refused = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + origin.url("/cirros.img") + "\"}}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text()).contains("web-download");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void glanceDirectStagesThenImportsIntoTheNamedStore() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create(FORMATS);
        byte[] data = bytes(3_000_001);

        Reply staged = http.put("/v2/images/" + id + "/stage", data, "Content-Type", OCTETS);
        assertThat(staged.status()).as(staged.toString()).isEqualTo(204);
        assertThat(http.show(id).get("status").textValue()).isEqualTo("uploading");
        assertThat(service.storedFiles()).hasSize(1);

        Reply imported = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\"]}");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);

        awaitStatus(http, id, "active");
        JsonNode image = http.show(id);
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        assertThat(image.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(image.get("os_hash_value").textValue()).isEqualTo(hex("SHA-512", data));
        assertThat(image.get("stores").textValue()).isEqualTo("fast");
        assertThat(http.get("/v2/images/" + id + "/file").body()).isEqualTo(data);
        // the staged copy is gone: only the image's data is left, in the store the import named
        Conditions.await("the staged data to be removed", DEADLINE, () -> service.storedFiles().size() == 1);
        assertThat(service.storedFiles()).singleElement().asString().contains("/fast/");
    }

    @Test
    void anImportNeedsAStagedImageWithFormatsAndAKnownMethodAndStore() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String bare = http.create("{}");
        String queued = http.create(FORMATS);

        assertThat(http.post("/v2/images/" + queued + "/import", "{\"method\": {\"name\": \"glance-direct\"}}").status())
                .as("nothing staged").isEqualTo(409);
        assertThat(http.put("/v2/images/" + bare + "/stage", bytes(10), "Content-Type", OCTETS).status()).isEqualTo(204);
        assertThat(http.post("/v2/images/" + bare + "/import", "{\"method\": {\"name\": \"glance-direct\"}}").status())
                .as("no disk_format or container_format").isEqualTo(409);
        assertThat(http.post("/v2/images/" + queued + "/import", "{\"method\": {\"name\": \"copy-image\"}}").status())
                .as("a method this service does not offer").isEqualTo(400);
        assertThat(http.post("/v2/images/" + queued + "/import", "{\"stores\": [\"local\"]}").status())
                .as("no method").isEqualTo(400);
        assertThat(http.put("/v2/images/" + queued + "/stage", bytes(10), "Content-Type", OCTETS).status()).isEqualTo(204);
        assertThat(http.put("/v2/images/" + queued + "/stage", bytes(10), "Content-Type", OCTETS).status())
                .as("staged twice").isEqualTo(409);
        assertThat(http.post("/v2/images/" + queued + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"nowhere\"]}").status()).as("unknown store").isEqualTo(400);
        assertThat(http.post("/v2/images/" + queued + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"ro\"]}").status()).as("read-only store").isEqualTo(400);
        assertThat(http.show(queued).get("status").textValue()).isEqualTo("uploading");
        assertThat(http.post("/v2/images/" + queued + "/import", "{\"method\": {\"name\": \"glance-direct\"}}").status())
                .isEqualTo(202);
        awaitStatus(http, queued, "active");
        assertThat(http.put("/v2/images/" + queued + "/stage", bytes(10), "Content-Type", OCTETS).status())
                .as("stage to an active image").isEqualTo(409);
    }

    @Test
    void webDownloadFetchesTheUrlThroughAnHttpStoreAllowedToReachIt() throws Exception {
        byte[] data = bytes(2_500_000);
        origin = LoopbackOrigin.start().serve("/cirros.img", data);
        service = TestService.start(dir, settings -> settings.webDownloadStore("mirror"),
                "  mirror: { type: http, allowedHosts: [\"127.0.0.1:" + origin.port() + "\"] }\n");
        Http http = new Http(service);
        String id = http.create(FORMATS);

        Reply imported = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + origin.url("/cirros.img") + "\"}}");

        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
        awaitStatus(http, id, "active");
        assertThat(http.show(id).get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(http.show(id).get("stores").textValue()).isEqualTo("local");
        assertThat(http.get("/v2/images/" + id + "/file").body()).isEqualTo(data);
        assertThat(origin.requests()).contains("GET /cirros.img");
    }

    @Test
    void webDownloadRefusesLoopbackPrivateLinkLocalAndMetadataAddressesUnderTheDefaultHostRules() throws Exception {
        origin = LoopbackOrigin.start().serve("/cirros.img", bytes(1000));
        service = TestService.start(dir, settings -> settings.webDownloadStore("web"), "  web: { type: http }\n");
        Http http = new Http(service);
        String id = http.create(FORMATS);
        int port = origin.port();
        // every one is refused by the rules before anything is sent: none reaches past loopback
        List<String> refused = List.of(origin.url("/cirros.img"), "http://localhost:" + port + "/cirros.img",
                "http://[::1]:" + port + "/cirros.img", "http://2130706433:" + port + "/cirros.img",
                "http://0x7f.1:" + port + "/cirros.img", "http://[::ffff:127.0.0.1]:" + port + "/cirros.img",
                "http://10.1.2.3/image.raw", "http://192.168.0.1/image.raw", "http://172.16.5.4/image.raw",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "http://[fe80::1]/image.raw",
                "http://100.64.0.1/image.raw", "http://0.0.0.0:" + port + "/cirros.img",
                "file:///etc/passwd", "ftp://127.0.0.1:" + port + "/cirros.img", "gopher://127.0.0.1:" + port + "/",
                "not a url");

        for (String uri : refused) {
            Reply reply = http.post("/v2/images/" + id + "/import",
                    "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}");
            assertThat(reply.status()).as("%s: %s", uri, reply).isEqualTo(400);
            assertThat(reply.text()).as(uri).contains("web-download");
        }

        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");
        assertThat(origin.requests()).isEmpty();
        assertThat(service.storedFiles()).isEmpty();
    }

    @Test
    void aWebDownloadThatFailsReturnsTheImageToQueuedAndKeepsNothing() throws Exception {
        origin = LoopbackOrigin.start();
        service = TestService.start(dir, settings -> settings.webDownloadStore("mirror"),
                "  mirror: { type: http, allowedHosts: [\"127.0.0.1:" + origin.port() + "\"] }\n");
        Http http = new Http(service);
        String id = http.create(FORMATS);

        Reply imported = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + origin.url("/missing.img") + "\"}}");

        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
        Conditions.await("the failed import to end", DEADLINE, () -> !origin.requests().isEmpty()
                && http.show(id).get("status").textValue().equals("queued"));
        assertThat(service.storedFiles()).isEmpty();
        origin.serve("/missing.img", bytes(5000));
        assertThat(http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + origin.url("/missing.img") + "\"}}").status())
                .as("imported again").isEqualTo(202);
        awaitStatus(http, id, "active");
    }

    @Test
    void aGlanceDirectImportIntoAFailingStoreReturnsTheImageToQueuedAndRemovesTheStagedData() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create(FORMATS);
        assertThat(http.put("/v2/images/" + id + "/stage", bytes(200_000), "Content-Type", OCTETS).status()).isEqualTo(204);
        service.flaky().faults().inject(Faults.NONE.withAddFailureAfter(50_000));

        assertThat(http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"flaky\"]}").status()).isEqualTo(202);

        awaitStatus(http, id, "queued");
        Conditions.await("the staged data to be removed", DEADLINE, () -> service.storedFiles().isEmpty());
        assertThat(service.flaky().memory().objectCount()).isZero();
    }

    @Test
    void deletingAStagedImageRemovesItsStagedData() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create(FORMATS);
        assertThat(http.put("/v2/images/" + id + "/stage", bytes(100_000), "Content-Type", OCTETS).status()).isEqualTo(204);

        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(http.get("/v2/images/" + id).status()).isEqualTo(404);
        Conditions.await("the staged data to be removed", DEADLINE, () -> service.storedFiles().isEmpty());
    }

    private static void awaitStatus(Http http, String id, String status) {
        Conditions.await("image " + id + " to be " + status, DEADLINE,
                () -> http.show(id).get("status").textValue().equals(status));
    }
}
