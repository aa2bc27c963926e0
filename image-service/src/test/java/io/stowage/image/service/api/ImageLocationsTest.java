package io.stowage.image.service.api;

import static io.stowage.image.service.api.ImageApiStatusTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.LoopbackOrigin;
import io.stowage.image.service.TestService;
import io.stowage.image.service.TokenGrant;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locations API: with {@code show-multiple-locations}, admins add copies of an image's data in
 * other stores and remove locations through json-patch; a copy must hold the image's very bytes;
 * reads use the first location that works; a removed location's data is deleted, and the last
 * location cannot be removed.
 */
class ImageLocationsTest {
    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String MEMBER = "member-token-0123456789abcdef";
    private static final String OCTETS = "application/octet-stream";

    @TempDir
    Path dir;
    private TestService service;
    private Http admin;
    private String id;
    private byte[] data;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(dir, settings -> settings.showMultipleLocations(true)
                .token(ADMIN, new TokenGrant("ops", Set.of("admin"))).token(MEMBER, new TokenGrant("team", Set.of("member"))));
        admin = new Http(service).withToken(ADMIN);
        id = admin.create("{\"name\": \"copied\", \"owner\": \"team\"}");
        data = bytes(300_000);
        assertThat(admin.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS).status()).isEqualTo(204);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void anAdminAddsACopyInAnotherStoreAndReadsUseTheFirstLocationThatWorks() throws Exception {
        String copy = service.putObject("fast", id + ".copy", data);

        Reply added = addLocation(admin, copy, "fast");

        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        JsonNode locations = added.json().get("locations");
        assertThat(locations).hasSize(2);
        assertThat(locations.get(1).get("url").textValue()).isEqualTo(copy);
        assertThat(locations.get(1).get("metadata").get("store").textValue()).isEqualTo("fast");
        assertThat(added.json().get("stores").textValue()).isEqualTo("local,fast");

        Files.delete(Path.of(URI.create(locations.get(0).get("url").textValue())));
        Reply download = admin.get("/v2/images/" + id + "/file");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        Reply range = admin.get("/v2/images/" + id + "/file", "Range", "bytes=10-19");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
    }

    @Test
    void aCopyMustHoldTheImagesBytesAndLiveInAConfiguredStore() throws Exception {
        byte[] other = data.clone();
        other[1000] ^= 1;
        String wrong = service.putObject("fast", id + ".wrong", other);
        String shorter = service.putObject("fast", id + ".short", bytes(1000));

        assertThat(addLocation(admin, wrong, "fast").status()).as("other bytes, same size").isEqualTo(400);
        assertThat(addLocation(admin, shorter, "fast").status()).as("another size").isEqualTo(400);
        assertThat(addLocation(admin, "file:///etc/passwd", "fast").status()).as("outside the store").isEqualTo(400);
        try (LoopbackOrigin origin = LoopbackOrigin.start().serve("/x.img", data)) {
            assertThat(addLocation(admin, origin.url("/x.img"), "nowhere").status()).as("unknown store").isEqualTo(400);
            assertThat(origin.requests()).as("nothing fetched").isEmpty();
        }
        String existing = admin.show(id).get("locations").get(0).get("url").textValue();
        assertThat(addLocation(admin, existing, "local").status()).as("a location twice").isEqualTo(400);
        assertThat(admin.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"replace\", \"path\": \"/locations\","
                + " \"value\": [{\"url\": \"" + existing + "\", \"metadata\": {\"store\": \"fast\"}}]}]").status())
                .as("a location moved to a store that does not hold it").isEqualTo(400);
        assertThat(admin.show(id).get("locations")).hasSize(1);
        assertThat(admin.show(id).get("locations").get(0).get("metadata").get("store").textValue()).isEqualTo("local");
    }

    @Test
    void onlyAdminsChangeLocationsAndOnlyWhenTheyAreShown() throws Exception {
        String copy = service.putObject("fast", id + ".copy", data);

        assertThat(addLocation(new Http(service).withToken(MEMBER), copy, "fast").status()).as("the owner, not an admin")
                .isEqualTo(403);
        try (TestService hidden = TestService.start(dir.resolve("hidden"), settings -> settings)) {
            Http http = new Http(hidden);
            String image = http.create("{}");
            http.put("/v2/images/" + image + "/file", data, "Content-Type", OCTETS);
            assertThat(addLocation(http, copy, "fast").status()).as("show-multiple-locations off").isEqualTo(403);
        }
        String queued = admin.create("{}");
        assertThat(addLocation(admin, copy, "fast", queued).status()).as("an image without data").isEqualTo(409);
    }

    @Test
    void removingALocationDeletesItsDataButTheLastOneStays() throws Exception {
        String copy = service.putObject("fast", id + ".copy", data);
        assertThat(addLocation(admin, copy, "fast").status()).isEqualTo(200);
        Path first = Path.of(URI.create(admin.show(id).get("locations").get(0).get("url").textValue()));

        Reply removed = admin.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]");

        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().get("locations")).singleElement().extracting(node -> node.get("url").textValue())
                .isEqualTo(copy);
        assertThat(first).doesNotExist();
        assertThat(admin.get("/v2/images/" + id + "/file").body()).isEqualTo(data);
        Reply last = admin.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]");
        assertThat(last.status()).as(last.toString()).isEqualTo(403);
        assertThat(admin.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"remove\", \"path\": \"/locations/7\"}]")
                .status()).as("no such location").isEqualTo(400);

        assertThat(admin.delete("/v2/images/" + id).status()).isEqualTo(204);
        assertThat(service.storedFiles()).isEmpty();
    }

    @Test
    void dataAnotherImagePointsAtStaysWhenOneOfThemIsDeleted() throws Exception {
        String twin = admin.create("{\"name\": \"twin\"}");
        assertThat(admin.put("/v2/images/" + twin + "/file", data, "Content-Type", OCTETS).status()).isEqualTo(204);
        String shared = admin.show(id).get("locations").get(0).get("url").textValue();
        assertThat(addLocation(admin, shared, "local", twin).status()).isEqualTo(200);

        assertThat(admin.delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(Path.of(URI.create(shared))).exists();
        assertThat(admin.patch("/v2/images/" + twin, JsonPatch.V21, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]")
                .status()).isEqualTo(200);
        assertThat(admin.get("/v2/images/" + twin + "/file").body()).isEqualTo(data);
        assertThat(admin.delete("/v2/images/" + twin).status()).isEqualTo(204);
        assertThat(service.storedFiles()).isEmpty();
    }

    private Reply addLocation(Http http, String url, String store) {
        return addLocation(http, url, store, id);
    }

    private static Reply addLocation(Http http, String url, String store, String image) {
        return http.patch("/v2/images/" + image, JsonPatch.V21, "[{\"op\": \"add\", \"path\": \"/locations/-\","
                + " \"value\": {\"url\": \"" + url + "\", \"metadata\": {\"store\": \"" + store + "\"}}}]");
    }
}
