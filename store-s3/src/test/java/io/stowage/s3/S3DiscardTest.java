package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.Store;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code discard}, the recovery after a crashed add, against the run's S3 server: the published
 * object goes, every multipart upload of its key is aborted (parts or not), and uploads of other
 * keys, even ones the key is a prefix of, stay.
 */
class S3DiscardTest {
    private final S3TestServer server = S3TestServers.shared();
    private final S3Client admin = S3TestServers.client(server);
    private final String prefix = S3TestServers.uniquePrefix("discard");

    @AfterEach
    void removeUploads() {
        try {
            for (MultipartUpload upload : S3TestServers.uploads(admin, server.bucket(), prefix + "/")) {
                admin.abortMultipartUpload(request -> request.bucket(server.bucket()).key(upload.key())
                        .uploadId(upload.uploadId()));
            }
        } finally {
            admin.close();
        }
    }

    private String create(String key) {
        String uploadId = admin.createMultipartUpload(request -> request.bucket(server.bucket()).key(key)).uploadId();
        admin.uploadPart(request -> request.bucket(server.bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[] {1, 2, 3}));
        return uploadId;
    }

    private List<String> uploadIds() {
        return S3TestServers.uploads(admin, server.bucket(), prefix + "/").stream().map(MultipartUpload::uploadId).toList();
    }

    @Test
    void removesTheObjectAndAbortsEveryUploadOfItsKeyOnly() throws Exception {
        create(prefix + "/image.1");
        create(prefix + "/image.1");
        String longer = create(prefix + "/image.10");
        try (Store store = new S3StoreProvider().create("discarding", server.config().prefix(prefix).build())) {
            Location published = store.add(ObjectId.of("image.1"), new ByteArrayInputStream(new byte[] {7}),
                    AddOptions.defaults()).location();

            store.discard(ObjectId.of("image.1"));

            assertThat(uploadIds()).containsExactly(longer);
            assertThatThrownBy(() -> store.size(published)).isInstanceOf(ObjectNotFoundException.class);
        }
    }

    @Test
    void discardingWhatIsNotThereIsNoError() throws Exception {
        try (Store store = new S3StoreProvider().create("discarding", server.config().prefix(prefix).build())) {
            store.discard(ObjectId.of("never-added"));
            store.discard(ObjectId.of("never-added"));

            assertThat(uploadIds()).isEmpty();
        }
    }
}
