package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.TestService;
import io.stowage.image.service.TokenGrant;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static tokens: who sees and changes what by owner and visibility; tokens never echoed. */
class ImageApiAuthTest {
    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String ALICE = "alice-token-0123456789abcdef";
    private static final String BOB = "bob-token-0123456789abcdef0";

    @TempDir
    Path dir;
    private TestService service;
    private Http admin;
    private Http alice;
    private Http bob;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(dir, settings -> settings
                .token(ADMIN, new TokenGrant("ops", Set.of("admin")))
                .token(ALICE, new TokenGrant("p-alice", Set.of("member")))
                .token(BOB, new TokenGrant("p-bob", Set.of("member"))));
        Http anonymous = new Http(service);
        admin = anonymous.withToken(ADMIN);
        alice = anonymous.withToken(ALICE);
        bob = anonymous.withToken(BOB);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aMissingOrUnknownTokenIs401AndTheTokenIsNotEchoed() {
        Http anonymous = new Http(service);
        String wrong = "wrong-token-that-must-not-echo";

        Reply missing = anonymous.get("/v2/images");
        Reply unknown = anonymous.withToken(wrong).get("/v2/images");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text()).doesNotContain(wrong);
        assertThat(unknown.headers().toString()).doesNotContain(wrong);
        assertThat(anonymous.get("/versions").status()).isEqualTo(200);
    }

    @Test
    void ownersSeeTheirPrivateImagesAndOthersGet404() {
        String id = alice.create("{\"name\": \"mine\", \"visibility\": \"private\"}");

        assertThat(alice.show(id).get("owner").textValue()).isEqualTo("p-alice");
        assertThat(bob.get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(bob.delete("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(names(bob.get("/v2/images"))).doesNotContain("mine");
        assertThat(names(alice.get("/v2/images"))).containsExactly("mine");
        assertThat(admin.get("/v2/images/" + id).status()).isEqualTo(200);
        assertThat(names(admin.get("/v2/images"))).containsExactly("mine");
    }

    @Test
    void publicImagesAreSeenByAllAndChangedByTheOwnerOrAnAdminOnly() {
        assertThat(alice.post("/v2/images", "{\"visibility\": \"public\"}").status()).isEqualTo(403);
        String id = admin.create("{\"name\": \"base\", \"visibility\": \"public\"}");

        assertThat(names(bob.get("/v2/images"))).containsExactly("base");
        assertThat(bob.patch("/v2/images/" + id, JsonPatch.V21, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"x\"}]")
                .status()).isEqualTo(403);
        assertThat(bob.put("/v2/images/" + id + "/file", new byte[10], "Content-Type", "application/octet-stream").status())
                .isEqualTo(403);
        assertThat(bob.delete("/v2/images/" + id).status()).isEqualTo(403);
        assertThat(admin.delete("/v2/images/" + id).status()).isEqualTo(204);
    }

    @Test
    void communityImagesAreShownOnRequestAndSharedOnesStayWithTheirOwner() {
        String community = alice.create("{\"name\": \"community\", \"visibility\": \"community\"}");
        alice.create("{\"name\": \"shared\", \"visibility\": \"shared\"}");

        assertThat(names(bob.get("/v2/images"))).isEmpty();
        assertThat(names(bob.get("/v2/images?visibility=community"))).containsExactly("community");
        assertThat(names(bob.get("/v2/images?visibility=shared"))).isEmpty();
        assertThat(names(bob.get("/v2/images?visibility=all"))).containsExactly("community");
        assertThat(bob.get("/v2/images/" + community).status()).isEqualTo(200);
        assertThat(names(alice.get("/v2/images?sort=name:asc"))).containsExactly("community", "shared");
    }

    @Test
    void onlyAdminsDeactivateAndOnlyTheyDownloadDeactivatedImages() {
        String id = alice.create("{\"name\": \"x\"}");
        alice.put("/v2/images/" + id + "/file", new byte[10], "Content-Type", "application/octet-stream");

        assertThat(alice.method("POST", "/v2/images/" + id + "/actions/deactivate").status()).isEqualTo(403);
        assertThat(admin.method("POST", "/v2/images/" + id + "/actions/deactivate").status()).isEqualTo(204);
        assertThat(alice.get("/v2/images/" + id + "/file").status()).isEqualTo(403);
        assertThat(admin.get("/v2/images/" + id + "/file").status()).isEqualTo(200);
    }

    @Test
    void onlyAdminsCreateImagesForOtherProjects() {
        assertThat(alice.post("/v2/images", "{\"owner\": \"p-bob\"}").status()).isEqualTo(403);
        assertThat(admin.post("/v2/images", "{\"owner\": \"p-bob\", \"name\": \"given\"}").status()).isEqualTo(201);
        assertThat(names(bob.get("/v2/images"))).containsExactly("given");
    }

    private static java.util.List<String> names(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return StreamSupport.stream(reply.json().get("images").spliterator(), false)
                .map(image -> image.get("name").textValue()).toList();
    }
}
