package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.TestService;
import io.stowage.image.service.TokenGrant;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads whose client sends {@code Expect: 100-continue} and waits: one the service refuses
 * before reading (over the size cap or the owner quota by its declared length, a bad token, an
 * image that is not queued) is answered at once with its error, never with {@code 100 Continue},
 * so the client never sends the body; the connection then ends cleanly and the image is as it
 * was. One the service takes gets {@code 100 Continue}, then its answer.
 */
class ExpectContinueTest {
    private static final String TOKEN = "team-token-0123456789abcdef";
    private static final long CAP = 4L * 1024 * 1024;
    private static final long QUOTA = 2L * 1024 * 1024;
    private static final String EXPECT = "Expect: 100-continue";
    private static final String OCTETS = "Content-Type: application/octet-stream";

    @TempDir
    Path dir;
    private TestService service;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(dir, settings -> settings.sizeCap(CAP).ownerQuota(QUOTA)
                .token(TOKEN, new TokenGrant("team", Set.of("member"))));
        http = new Http(service).withToken(TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aDeclaredLengthOverTheSizeCapIs413BeforeTheBodyIsSent() throws Exception {
        String id = http.create("{}");

        List<String> file = refusedBeforeTheBody("PUT /v2/images/" + id + "/file", 2 * CAP, token(), OCTETS);
        List<String> stage = refusedBeforeTheBody("PUT /v2/images/" + id + "/stage", 2 * CAP, token(), OCTETS);

        assertThat(file.get(0)).isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertThat(stage.get(0)).isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");
        assertThat(service.storedFiles()).isEmpty();
        assertAcceptedWithContinue(id, 100_000);
    }

    @Test
    void aDeclaredLengthOverTheOwnerQuotaIs413BeforeTheBodyIsSent() throws Exception {
        String id = http.create("{}");

        List<String> answer = refusedBeforeTheBody("PUT /v2/images/" + id + "/file", QUOTA + 1, token(), OCTETS);

        assertThat(answer.get(0)).isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertThat(http.show(id).get("status").textValue()).isEqualTo("queued");
        assertThat(service.storedFiles()).isEmpty();
        // nothing of the quota stays reserved: all of it can be used
        assertAcceptedWithContinue(id, (int) QUOTA);
    }

    @Test
    void aV1UploadOverTheSizeCapIs413BeforeTheBodyIsSent() throws Exception {
        String id = http.create("{}");

        List<String> answer = refusedBeforeTheBody("PUT /v1/images/" + id, 2 * CAP, token(), OCTETS);

        assertThat(answer.get(0)).isEqualTo("HTTP/1.1 413 Payload Too Large");
        // v1 kills an image whose upload failed, as Glance's v1 does
        assertThat(http.show(id).get("status").textValue()).isEqualTo("killed");
        assertThat(service.storedFiles()).isEmpty();
    }

    @Test
    void aBadTokenAndAnImageThatIsNotQueuedAreRefusedBeforeTheBodyIsSent() throws Exception {
        String id = http.create("{}");
        assertAcceptedWithContinue(id, 1000);

        List<String> badToken = refusedBeforeTheBody("PUT /v2/images/" + id + "/file", 1000,
                "X-Auth-Token: wrong-token-0123456789abcdef", OCTETS);
        List<String> active = refusedBeforeTheBody("PUT /v2/images/" + id + "/file", 1000, token(), OCTETS);

        assertThat(badToken.get(0)).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(active.get(0)).isEqualTo("HTTP/1.1 409 Conflict");
        assertThat(http.show(id).get("size").longValue()).isEqualTo(1000);
    }

    /**
     * Sends the head of a request of {@code length} declared bytes that waits for
     * {@code 100 Continue}, and returns the answer that came instead: the service ended the
     * connection after it, and no byte of the body was sent.
     */
    private List<String> refusedBeforeTheBody(String request, long length, String... headers) throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(service.port())) {
            connection.sendHead(request + " HTTP/1.1", withLengthAndExpect(length, headers));

            List<String> answer = connection.readAnswer();

            assertThat(answer).as("the first answer").isNotEmpty();
            assertThat(answer.get(0)).as("the first answer").doesNotContain(" 100 ");
            assertThat(RawHttpConnection.header(answer, "Connection")).as("%s", answer).contains("close");
            assertThat(connection.endedByServer()).as("the connection ended after %s", answer).isTrue();
            return answer;
        }
    }

    /** An upload of {@code size} bytes that waits for {@code 100 Continue} gets it, then 204; the image is active. */
    private void assertAcceptedWithContinue(String id, int size) throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(service.port())) {
            connection.sendHead("PUT /v2/images/" + id + "/file HTTP/1.1", withLengthAndExpect(size, token(), OCTETS));

            List<String> interim = connection.readAnswer();
            connection.send(ImageApiStatusTest.bytes(size));
            List<String> answer = connection.readAnswer();
            connection.sendHead("GET /versions HTTP/1.1");
            List<String> next = connection.readAnswer();

            assertThat(interim).containsExactly("HTTP/1.1 100 Continue");
            assertThat(answer.get(0)).isEqualTo("HTTP/1.1 204 No Content");
            assertThat(next.get(0)).as("the next request on the connection").isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(http.show(id).get("status").textValue()).isEqualTo("active");
        assertThat(http.show(id).get("size").longValue()).isEqualTo(size);
    }

    private static String[] withLengthAndExpect(long length, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Length: " + length;
        all[headers.length + 1] = EXPECT;
        return all;
    }

    private static String token() {
        return "X-Auth-Token: " + TOKEN;
    }
}
