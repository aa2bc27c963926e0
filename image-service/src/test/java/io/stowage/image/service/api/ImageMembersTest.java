package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.TestService;
import io.stowage.image.service.TokenGrant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharing through members, seen from each project's token: the owner shares a shared image, the
 * member sees it at once and lists it once it accepted, a stranger never sees it, and only the
 * owner changes the members and only the member answers.
 */
class ImageMembersTest {
    private static final String OWNER = "owner-token-0123456789abcdef";
    private static final String MEMBER = "member-token-0123456789abcdef";
    private static final String STRANGER = "stranger-token-0123456789abcd";

    @TempDir
    Path dir;
    private TestService service;
    private Http owner;
    private Http member;
    private Http stranger;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(dir, settings -> settings
                .token(OWNER, new TokenGrant("p-owner", Set.of("member")))
                .token(MEMBER, new TokenGrant("p-member", Set.of("member")))
                .token(STRANGER, new TokenGrant("p-stranger", Set.of("member"))));
        Http http = new Http(service);
        owner = http.withToken(OWNER);
        member = http.withToken(MEMBER);
        stranger = http.withToken(STRANGER);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aMemberSeesTheImageListsItOnceAcceptedAndAStrangerNever() {
        String id = owner.create("{\"name\": \"shared-one\", \"visibility\": \"shared\"}");
        assertThat(member.get("/v2/images/" + id).status()).isEqualTo(404);

        JsonNode added = owner.post("/v2/images/" + id + "/members", "{\"member\": \"p-member\"}").json();

        assertThat(added.get("status").textValue()).isEqualTo("pending");
        assertThat(added.get("member_id").textValue()).isEqualTo("p-member");
        assertThat(member.get("/v2/images/" + id).status()).isEqualTo(200);
        assertThat(names(member, "/v2/images")).doesNotContain("shared-one");
        assertThat(names(member, "/v2/images?member_status=pending")).containsExactly("shared-one");
        assertThat(member.put("/v2/images/" + id + "/members/p-member", "{\"status\": \"accepted\"}".getBytes(),
                "Content-Type", "application/json").json().get("status").textValue()).isEqualTo("accepted");
        assertThat(names(member, "/v2/images")).containsExactly("shared-one");
        assertThat(names(member, "/v2/images?visibility=shared")).containsExactly("shared-one");
        assertThat(names(member, "/v2/images?member_status=pending")).isEmpty();
        assertThat(stranger.get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(names(stranger, "/v2/images?member_status=all")).isEmpty();
        assertThat(stranger.get("/v2/images/" + id + "/members").status()).isEqualTo(404);
    }

    @Test
    void onlyTheOwnerChangesMembersAndOnlyTheMemberAnswers() {
        String id = owner.create("{\"visibility\": \"shared\"}");
        owner.post("/v2/images/" + id + "/members", "{\"member\": \"p-member\"}");

        assertThat(owner.post("/v2/images/" + id + "/members", "{\"member\": \"p-member\"}").status()).isEqualTo(409);
        assertThat(member.post("/v2/images/" + id + "/members", "{\"member\": \"p-stranger\"}").status()).isEqualTo(403);
        assertThat(owner.put("/v2/images/" + id + "/members/p-member", "{\"status\": \"accepted\"}".getBytes(),
                "Content-Type", "application/json").status()).isEqualTo(403);
        assertThat(member.put("/v2/images/" + id + "/members/p-member", "{\"status\": \"maybe\"}".getBytes(),
                "Content-Type", "application/json").status()).isEqualTo(400);
        assertThat(memberIds(owner, id)).containsExactly("p-member");
        assertThat(memberIds(member, id)).containsExactly("p-member");
        assertThat(member.get("/v2/images/" + id + "/members/p-member").status()).isEqualTo(200);

        assertThat(owner.delete("/v2/images/" + id + "/members/p-member").status()).isEqualTo(204);

        assertThat(member.get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(owner.delete("/v2/images/" + id + "/members/p-member").status()).isEqualTo(404);
    }

    @Test
    void onlySharedImagesHaveMembers() {
        String id = owner.create("{\"visibility\": \"private\"}");

        assertThat(owner.post("/v2/images/" + id + "/members", "{\"member\": \"p-member\"}").status()).isEqualTo(403);
        assertThat(owner.post("/v2/images/" + id + "/members", "{\"who\": 1}").status()).isEqualTo(403);
        String shared = owner.create("{\"visibility\": \"shared\"}");
        assertThat(owner.post("/v2/images/" + shared + "/members", "{\"who\": 1}").status()).isEqualTo(400);
    }

    private static List<String> names(Http http, String path) {
        List<String> names = new ArrayList<>();
        http.get(path).json().get("images").forEach(image -> names.add(image.get("name").asText()));
        return names;
    }

    private static List<String> memberIds(Http http, String id) {
        List<String> ids = new ArrayList<>();
        http.get("/v2/images/" + id + "/members").json().get("members").forEach(m -> ids.add(m.get("member_id").textValue()));
        return ids;
    }
}
