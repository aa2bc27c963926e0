package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * The sweep of stale multipart uploads against the run's S3 server: an upload a "crashed" add
 * left under the store's prefix is aborted; a young one, an old one still receiving parts, and
 * uploads outside the prefix or under keys that are not the store's are left alone.
 */
class S3StaleUploadsTest {
    private final S3TestServer server = S3TestServers.shared();
    private final S3Client admin = S3TestServers.client(server);
    private final String prefix = S3TestServers.uniquePrefix("stale");
    private final String outside = S3TestServers.uniquePrefix("outside");

    @AfterEach
    void removeUploads() {
        try {
            for (String under : List.of(prefix + "/", outside + "/")) {
                for (MultipartUpload upload : S3TestServers.uploads(admin, server.bucket(), under)) {
                    admin.abortMultipartUpload(request -> request.bucket(server.bucket()).key(upload.key())
                            .uploadId(upload.uploadId()));
                }
            }
        } finally {
            admin.close();
        }
    }

    private String create(String key) {
        return admin.createMultipartUpload(request -> request.bucket(server.bucket()).key(key)).uploadId();
    }

    private Part uploadPart(String key, String uploadId) {
        admin.uploadPart(request -> request.bucket(server.bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[] {1, 2, 3}));
        return admin.listParts(request -> request.bucket(server.bucket()).key(key).uploadId(uploadId)).parts().get(0);
    }

    private Instant initiated(String uploadId) {
        return S3TestServers.uploads(admin, server.bucket(), "").stream().filter(u -> u.uploadId().equals(uploadId))
                .findFirst().orElseThrow().initiated();
    }

    private List<String> uploadIds(String under) {
        return S3TestServers.uploads(admin, server.bucket(), under).stream().map(MultipartUpload::uploadId).toList();
    }

    @Test
    void abortsTheStoresUploadsInitiatedBeforeTheCutoffWithoutARecentPart() throws Exception {
        String crashed = create(prefix + "/crashed");
        uploadPart(prefix + "/crashed", crashed);
        String foreign = create(outside + "/crashed");
        String notAnId = create(prefix + "/deeper/crashed");
        String live = create(prefix + "/live");
        Instant liveInitiated = initiated(live);
        // the live upload gets a part on a later server clock tick; the cutoff falls in between
        S3StoreFaultTest.await(() -> uploadPart(prefix + "/live", live).lastModified().isAfter(liveInitiated),
                Duration.ofSeconds(10));
        String young = create(prefix + "/young");
        Instant cutoff = liveInitiated.plusNanos(1);
        assertThat(initiated(young)).as("the young upload's initiation").isAfter(cutoff);

        List<String> aborted = S3StaleUploads.abortInitiatedBefore(admin,
                new S3Layout(server.bucket(), prefix, java.util.Optional.of(server.endpoint())), cutoff);

        assertThat(aborted).containsExactly(prefix + "/crashed");
        assertThat(uploadIds(prefix + "/")).containsExactlyInAnyOrder(notAnId, live, young);
        assertThat(uploadIds(outside + "/")).containsExactly(foreign);
    }

    @Test
    void aStoreOpenedWithAbortUploadsOlderThanSweepsItsPrefix() throws Exception {
        String crashed = create(prefix + "/crashed");
        String foreign = create(outside + "/crashed");
        Instant initiated = initiated(crashed);
        // older than 1 s by the server's Date header, which is cut to whole seconds
        S3StoreFaultTest.await(() -> Instant.now().isAfter(initiated.plusMillis(2500)), Duration.ofSeconds(30));

        try (Store store = new S3StoreProvider().create("sweeping", server.config().prefix(prefix)
                .abortUploadsOlderThan(Duration.ofSeconds(1)).build())) {
            assertThat(uploadIds(prefix + "/")).as("uploads under the prefix after opening").isEmpty();
            assertThat(uploadIds(outside + "/")).containsExactly(foreign);
        }
        String young = create(prefix + "/young");
        assertThat(S3StaleUploads.abort("sweeping", server.config().prefix(prefix).build(), Duration.ofHours(1)))
                .as("aborted by an explicit sweep of uploads older than an hour").isEmpty();
        assertThat(uploadIds(prefix + "/")).containsExactly(young);
    }
}
