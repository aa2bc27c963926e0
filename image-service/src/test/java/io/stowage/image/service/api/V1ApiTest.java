package io.stowage.image.service.api;

import static io.stowage.image.service.api.ImageApiStatusTest.bytes;
import static io.stowage.image.service.api.ImageApiStatusTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.LoopbackOrigin;
import io.stowage.image.service.TestService;
import io.stowage.image.service.registry.ImageRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's v1 protocol: image metadata in {@code x-image-meta-*} headers in and out, data as
 * an {@code application/octet-stream} body of {@code POST} or {@code PUT}, or registered where it
 * lives with {@code x-image-meta-location} (allowed schemes only, through a store that serves the
 * location), {@code killed} when an upload fails.
 */
class V1ApiTest {
    private static final String OCTETS = "application/octet-stream";

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
    void aRoundTripWithHeaders() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        byte[] data = bytes(1_500_000);

        Reply created = http.exchange("POST", "/v1/images", data, "Content-Type", OCTETS,
                "x-image-meta-name", "cirros", "x-image-meta-disk_format", "qcow2", "x-image-meta-container_format", "bare",
                "x-image-meta-min_ram", "64", "x-image-meta-size", String.valueOf(data.length),
                "x-image-meta-checksum", hex("MD5", data), "x-image-meta-store", "fast",
                "x-image-meta-property-os_distro", "cirros",
                "x-image-meta-property-description", "50%25%20off%20%E2%9C%93, 100%");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode image = created.json().get("image");
        String id = image.get("id").textValue();
        assertThat(created.header("Location")).contains("/v1/images/" + id);
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        assertThat(image.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(image.get("is_public").booleanValue()).isFalse();
        assertThat(image.get("properties").get("os_distro").textValue()).isEqualTo("cirros");
        assertThat(image.get("properties").get("description").textValue()).as("percent-decoded, as glanceclient encodes")
                .isEqualTo("50% off \u2713, 100%");

        Reply head = http.exchange("HEAD", "/v1/images/" + id, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(metaHeaders(head)).containsEntry("x-image-meta-id", id).containsEntry("x-image-meta-name", "cirros")
                .containsEntry("x-image-meta-status", "active").containsEntry("x-image-meta-size", String.valueOf(data.length))
                .containsEntry("x-image-meta-checksum", hex("MD5", data)).containsEntry("x-image-meta-disk_format", "qcow2")
                .containsEntry("x-image-meta-container_format", "bare").containsEntry("x-image-meta-is_public", "False")
                .containsEntry("x-image-meta-protected", "False").containsEntry("x-image-meta-min_ram", "64")
                .containsEntry("x-image-meta-min_disk", "0").containsEntry("x-image-meta-deleted", "False")
                .containsEntry("x-image-meta-property-os_distro", "cirros")
                .containsKeys("x-image-meta-created_at", "x-image-meta-updated_at")
                .doesNotContainKey("x-image-meta-location");

        Reply download = http.get("/v1/images/" + id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(download.header("x-image-meta-checksum")).contains(hex("MD5", data));

        JsonNode brief = http.get("/v1/images").json().get("images");
        assertThat(brief).hasSize(1);
        assertThat(brief.get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "name", "disk_format", "container_format", "size", "checksum");
        assertThat(http.get("/v1/images/detail").json().get("images").get(0).get("properties").get("os_distro").textValue())
                .isEqualTo("cirros");

        Reply merged = http.exchange("PUT", "/v1/images/" + id, null, "x-image-meta-name", "renamed",
                "x-image-meta-property-architecture", "x86_64");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().get("image").get("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("os_distro", "description", "architecture");
        Reply purged = http.exchange("PUT", "/v1/images/" + id, null, "x-glance-registry-purge-props", "true",
                "x-image-meta-property-architecture", "arm64");
        assertThat(purged.json().get("image").get("properties")).hasSize(1);
        JsonNode v2 = http.show(id);
        assertThat(v2.get("name").textValue()).isEqualTo("renamed");
        assertThat(v2.get("architecture").textValue()).isEqualTo("arm64");
        assertThat(v2.has("os_distro")).isFalse();
        assertThat(v2.get("stores").textValue()).isEqualTo("fast");

        assertThat(http.exchange("DELETE", "/v1/images/" + id, null).status()).isEqualTo(200);
        assertThat(http.exchange("HEAD", "/v1/images/" + id, null).status()).isEqualTo(404);
        assertThat(service.storedFiles()).isEmpty();
    }

    @Test
    void anImageReservedWithoutDataTakesItsDataWithAPut() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        Reply reserved = http.exchange("POST", "/v1/images", null, "x-image-meta-name", "later");
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
        String id = reserved.json().get("image").get("id").textValue();
        assertThat(reserved.json().get("image").get("status").textValue()).isEqualTo("queued");
        assertThat(http.get("/v1/images/" + id).status()).as("no data yet").isEqualTo(204);

        Reply uploaded = http.exchange("PUT", "/v1/images/" + id, bytes(4096), "Content-Type", OCTETS);

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.json().get("image").get("status").textValue()).isEqualTo("active");
        assertThat(http.exchange("PUT", "/v1/images/" + id, bytes(10), "Content-Type", OCTETS).status())
                .as("data again").isEqualTo(409);
    }

    @Test
    void aFailedUploadKillsTheImageAndKeepsNoData() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        byte[] data = bytes(100_000);

        Reply wrongChecksum = http.exchange("POST", "/v1/images", data, "Content-Type", OCTETS,
                "x-image-meta-name", "bad-checksum", "x-image-meta-checksum", "0123456789abcdef0123456789abcdef");
        Reply wrongSize = http.exchangeChunked("POST", "/v1/images", () -> new ByteArrayInputStream(data),
                "Content-Type", OCTETS, "x-image-meta-name", "bad-size", "x-image-meta-size", "99999");
        Reply wrongType = http.exchange("POST", "/v1/images", data, "Content-Type", "text/plain",
                "x-image-meta-name", "bad-type");

        assertThat(wrongChecksum.status()).as(wrongChecksum.toString()).isEqualTo(400);
        assertThat(wrongSize.status()).as(wrongSize.toString()).isEqualTo(400);
        assertThat(wrongType.status()).as("refused before the image is created").isEqualTo(400);
        JsonNode killed = http.get("/v1/images/detail?status=killed&sort_key=name&sort_dir=asc").json().get("images");
        assertThat(killed).extracting(image -> image.get("name").textValue()).containsExactly("bad-checksum", "bad-size");
        assertThat(killed).extracting(image -> image.get("status").textValue()).containsOnly("killed");
        assertThat(http.get("/v1/images/detail?status=queued").json().get("images")).isEmpty();
        assertThat(service.storedFiles()).isEmpty();
        String id = killed.get(0).get("id").textValue();
        assertThat(http.exchange("PUT", "/v1/images/" + id, bytes(10), "Content-Type", OCTETS).status())
                .as("data to a killed image").isEqualTo(409);
    }

    @Test
    void badHeadersAreRefusedAndCreateNothing() throws Exception {
        origin = LoopbackOrigin.start().serve("/x.img", bytes(1000));
        service = TestService.start(dir);
        Http http = new Http(service);

        assertThat(http.exchange("POST", "/v1/images", null, "x-image-meta-disk_format", "floppy").status()).isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", null, "x-image-meta-min_ram", "lots").status()).isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", null, "x-image-meta-is_public", "maybe").status()).isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", null, "x-image-meta-id", "not-a-uuid").status()).isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", null, "x-image-meta-status", "active").status()).isEqualTo(403);
        assertThat(http.exchange("POST", "/v1/images", null, "x-image-meta-store", "nowhere").status()).isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", null, "x-glance-api-copy-from", origin.url("/x.img")).status())
                .isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", bytes(1000), "Content-Type", OCTETS, "x-image-meta-size", "999")
                .status()).as("a declared size the body's length contradicts").isEqualTo(400);
        assertThat(http.exchange("POST", "/v1/images", bytes(1000), "Content-Type", OCTETS,
                "x-image-meta-location", origin.url("/x.img")).status()).as("data twice").isEqualTo(400);
        assertThat(http.get("/v1/images/detail?status=queued").json().get("images")).isEmpty();
        assertThat(http.get("/v1/images/detail?status=killed").json().get("images")).isEmpty();
        assertThat(origin.requests()).as("nothing fetched").isEmpty();
    }

    @Test
    void dataThatLivesElsewhereIsRegisteredThroughAnAllowedSchemeOnly() throws Exception {
        byte[] data = bytes(700_000);
        origin = LoopbackOrigin.start().serve("/elsewhere.img", data);
        service = TestService.start(dir, settings -> settings, "  mirror: { type: http, allowedHosts: [\"127.0.0.1:"
                + origin.port() + "\"] }\n");
        Http http = new Http(service);

        Reply registered = http.exchange("POST", "/v1/images", null, "x-image-meta-name", "elsewhere",
                "x-image-meta-location", origin.url("/elsewhere.img"));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonNode image = registered.json().get("image");
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        assertThat(image.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        String id = image.get("id").textValue();
        assertThat(http.get("/v1/images/" + id).body()).isEqualTo(data);
        assertThat(service.storedFiles()).as("nothing copied").isEmpty();

        Path local = dir.resolve("local").resolve("some-object");
        for (String refused : List.of("file://" + local, "file:///etc/passwd", "memory://ro/x",
                "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:1/elsewhere.img")) {
            Reply reply = http.exchange("POST", "/v1/images", null, "x-image-meta-name", "refused",
                    "x-image-meta-location", refused);
            assertThat(reply.status()).as("%s: %s", refused, reply).isEqualTo(400);
        }
        assertThat(http.get("/v1/images/detail?name=refused&status=queued").json().get("images")).isEmpty();
        assertThat(http.get("/v1/images/detail?name=refused&status=killed").json().get("images")).isEmpty();

        int before = origin.requests().size();
        assertThat(http.exchange("DELETE", "/v1/images/" + id, null).status()).isEqualTo(200);
        assertThat(http.exchange("HEAD", "/v1/images/" + id, null).status()).isEqualTo(404);
        assertThat(origin.requests()).as("the origin's data is not the service's to delete").hasSize(before);
        service.stop();
        try (ImageRegistry registry = service.openRegistry()) {
            assertThat(registry.deletedImages()).as("no deletion left to retry").isEmpty();
        }
    }

    private static Map<String, String> metaHeaders(Reply reply) {
        Map<String, String> meta = new TreeMap<>();
        reply.headers().forEach((name, values) -> {
            if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-image-meta-")) {
                meta.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
            }
        });
        return meta;
    }
}
