package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.s3.HookedBlobStore.Call;
import io.stowage.tck.net.TcpFaultProxy;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Requests the server carried out but whose answers the store never got: S3Proxy behind a
 * {@link HookedBlobStore} does the work, then the connection is reset through the TCK's
 * {@link TcpFaultProxy} before the answer goes out (or the server answers 500 after doing it).
 * The add's outcome must be what happened on the server, and no multipart upload may be left.
 */
class S3LostAnswerTest {
    private static final int PART = 5 * 1024 * 1024;
    private static final HookedBlobStore HOOKS = HookedBlobStore.inMemory();
    private static EmbeddedS3Proxy server;
    private static S3Client admin;
    private final String prefix = S3TestServers.uniquePrefix("lost");
    private TcpFaultProxy proxy;
    private Store store;

    @BeforeAll
    static void startServer() {
        server = EmbeddedS3Proxy.hooked(HOOKS);
        admin = S3TestServers.client(server);
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    @BeforeEach
    void startProxyAndStore() throws Exception {
        proxy = TcpFaultProxy.start(new InetSocketAddress(server.endpoint().getHost(), server.endpoint().getPort()));
        store = new S3StoreProvider().create("lost", server.config()
                .endpoint("http://127.0.0.1:" + proxy.port())
                .prefix(prefix)
                .multipartThreshold(1024 * 1024)
                .partSize(PART)
                .retries(2)
                .readTimeout(Duration.ofSeconds(5))
                .build());
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        HOOKS.pass();
        try {
            assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/")).as("uploads in progress")
                    .extracting(MultipartUpload::key).isEmpty();
            assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).as("objects").isEmpty();
        } finally {
            store.close();
            proxy.close();
        }
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private String key(String id) {
        return prefix + "/" + id;
    }

    /** The first {@code call} of {@code key} is carried out, then its connection is reset: the answer is lost. */
    private void loseTheFirstAnswerOf(Call hooked, String key) {
        AtomicInteger seen = new AtomicInteger();
        HOOKS.hook((call, callKey, proceed) -> {
            Object answer = proceed.get();
            if (call == hooked && callKey.equals(key) && seen.getAndIncrement() == 0) {
                proxy.cutAll();
            }
            return answer;
        });
    }

    /** Every {@code call} of {@code key} fails with 500; the first one after doing its work. */
    private void failEveryAttemptOf(Call hooked, String key) {
        AtomicInteger seen = new AtomicInteger();
        HOOKS.hook((call, callKey, proceed) -> {
            if (call != hooked || !callKey.equals(key)) {
                return proceed.get();
            }
            if (seen.getAndIncrement() == 0) {
                proceed.get();
            }
            throw S3Exceptions.fromStatusCode(500);
        });
    }

    private void assertStored(StoredObject stored, byte[] data) throws Exception {
        try (ObjectStream in = store.get(stored.location())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        store.delete(stored.location());
    }

    @Test
    void anUploadCreatedByAnAttemptWhoseAnswerWasLostIsNotLeftBehind() throws Exception {
        byte[] data = bytes(PART + 1000);
        loseTheFirstAnswerOf(Call.CREATE_UPLOAD, key("created-twice"));

        StoredObject stored = store.add(ObjectId.of("created-twice"), new ByteArrayInputStream(data),
                AddOptions.builder().expectedSize(data.length).build());

        assertThat(HOOKS.log().stream().filter("CREATE_UPLOAD ok"::equals)).as("uploads created").hasSize(2);
        assertStored(stored, data);
    }

    @Test
    void anotherWritersUploadOfTheSameKeyIsLeftAlone() throws Exception {
        byte[] data = bytes(PART + 1000);
        String key = key("contested");
        String other = admin.createMultipartUpload(request -> request.bucket(server.bucket()).key(key)).uploadId();
        admin.uploadPart(request -> request.bucket(server.bucket()).key(key).uploadId(other).partNumber(1),
                RequestBody.fromBytes(bytes(1000)));
        loseTheFirstAnswerOf(Call.CREATE_UPLOAD, key);
        try {
            StoredObject stored = store.add(ObjectId.of("contested"), new ByteArrayInputStream(data),
                    AddOptions.builder().expectedSize(data.length).build());

            assertThat(S3TestServers.uploads(admin, server.bucket(), key)).extracting(MultipartUpload::uploadId)
                    .containsExactly(other);
            assertStored(stored, data);
        } finally {
            admin.abortMultipartUpload(request -> request.bucket(server.bucket()).key(key).uploadId(other));
        }
    }

    /**
     * S3Proxy answers a completion of an upload that is gone with NoSuchUpload before its blob
     * store sees it, so here the retry finds the upload gone; the store takes that as its own
     * completion.
     */
    @Test
    void aCompletionAnswered500AfterItCommittedIsTheAddsSuccess() throws Exception {
        byte[] data = bytes(PART + 1000);
        failEveryAttemptOf(Call.COMPLETE_UPLOAD, key("completed"));

        StoredObject stored = store.add(ObjectId.of("completed"), new ByteArrayInputStream(data), AddOptions.defaults());

        assertThat(HOOKS.log().stream().filter("COMPLETE_UPLOAD failed"::equals)).as("completions answered 500")
                .hasSize(1);
        assertStored(stored, data);
    }

    @Test
    void aPutThatCommittedIsTheAddsSuccessAlthoughEveryAttemptFailed() throws Exception {
        byte[] data = bytes(1000);
        failEveryAttemptOf(Call.PUT, key("put"));

        StoredObject stored = store.add(ObjectId.of("put"), new ByteArrayInputStream(data), AddOptions.defaults());

        assertThat(HOOKS.log().stream().filter("PUT failed"::equals)).as("PUTs answered 500").hasSize(3);
        assertStored(stored, data);
    }
}
