package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.AddOptions;
import io.stowage.BackendUnavailableException;
import io.stowage.ByteRange;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the S3 store does beyond the TCK: legacy Glance locations, conditional writes against an
 * object that appears during an add, the weaker duplicate check, configuration and connection
 * errors, reads across part boundaries, and routing through the registry. Runs against the run's
 * S3 server ({@link S3TestServers}).
 */
class S3StoreBehaviourTest {
    private static final String LEGACY_SECRET = "legacySecret/With+Slash";
    private final S3TestServer server = S3TestServers.shared();
    private final S3Client admin = S3TestServers.client(server);
    private final String prefix = S3TestServers.uniquePrefix("behaviour");

    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).isEmpty();
        assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/")).isEmpty();
        admin.close();
    }

    private S3StoreConfigBuilder config() {
        return server.config().prefix(prefix).multipartThreshold(1024 * 1024).partSize(5 * 1024 * 1024);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void readsLegacyGlanceLocationsWithTheConfiguredCredentials() throws Exception {
        String bucket = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        S3StoreConfig config = server.config().bucket(bucket).createBucket().build();
        byte[] data = bytes(4000, 1);
        try (Store store = new S3StoreProvider().create("legacy", config)) {
            StoredObject stored = store.add(ObjectId.of("0b5e2c35-image"), new ByteArrayInputStream(data), AddOptions.defaults());
            String hostAndPort = server.endpoint().getAuthority();
            for (String legacy : new String[] {
                    "s3://AKIALEGACY:" + LEGACY_SECRET + "@" + hostAndPort + "/" + bucket + "/0b5e2c35-image",
                    "s3+http://AKIALEGACY:" + LEGACY_SECRET + "@" + hostAndPort + "/" + bucket + "/0b5e2c35-image",
                    "s3+https://" + hostAndPort + "/" + bucket + "/0b5e2c35-image"}) {
                Location location = Location.parse(legacy);

                assertThat(location.url()).isEqualTo(stored.location().url()).doesNotContain("AKIALEGACY");
                assertThat(location.toString()).doesNotContain(LEGACY_SECRET);
                assertThat(store.owns(location)).as("owns %s", location).isTrue();
                try (ObjectStream in = store.get(location)) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                assertThat(store.size(location)).isEqualTo(4000);
            }

            Location missing = Location.parse("s3://AKIALEGACY:" + LEGACY_SECRET + "@" + hostAndPort + "/" + bucket + "/gone");
            Throwable notFound = catchThrowable(() -> store.get(missing));
            assertThat(notFound).isInstanceOf(ObjectNotFoundException.class)
                    .hasMessage("Object not found: s3://" + bucket + "/gone");
            assertNoSecretIn(notFound, LEGACY_SECRET, "AKIALEGACY");

            Location elsewhere = Location.parse("s3://AKIALEGACY:" + LEGACY_SECRET + "@s3.other.example:9000/" + bucket
                    + "/0b5e2c35-image");
            assertThat(store.owns(elsewhere)).isFalse();
            Throwable refused = catchThrowable(() -> store.get(elsewhere));
            assertThat(refused).isInstanceOf(InvalidLocationException.class);
            assertNoSecretIn(refused, LEGACY_SECRET, "AKIALEGACY");

            store.delete(stored.location());
        } finally {
            S3TestServers.deleteBucket(server, bucket);
        }
    }

    @Test
    void aSinglePutDoesNotOverwriteAnObjectThatAppearedDuringTheAdd() throws Exception {
        conditionalWriteRefusesALateCompetitor(100_000);
    }

    @Test
    void aMultipartUploadDoesNotOverwriteAnObjectThatAppearedDuringTheAdd() throws Exception {
        conditionalWriteRefusesALateCompetitor(6 * 1024 * 1024 + 5);
    }

    /**
     * The add's HEAD finds nothing; while its data streams, another writer creates the object;
     * the add's commit (If-None-Match: *) must then be refused and the other object kept.
     */
    private void conditionalWriteRefusesALateCompetitor(int size) throws Exception {
        byte[] data = bytes(size, 2);
        byte[] competitor = bytes(1234, 3);
        try (Store store = new S3StoreProvider().create("conditional", config().build())) {
            String key = prefix + "/contested";
            InputStream source = new ByteArrayInputStream(data) {
                private boolean competed;

                @Override
                public synchronized int read(byte[] buffer, int offset, int length) {
                    if (!competed) {
                        competed = true;
                        admin.putObject(request -> request.bucket(server.bucket()).key(key), RequestBody.fromBytes(competitor));
                    }
                    return super.read(buffer, offset, length);
                }
            };

            assertThatThrownBy(() -> store.add(ObjectId.of("contested"), source, AddOptions.defaults()))
                    .isInstanceOf(ObjectAlreadyExistsException.class)
                    .hasMessage("Object already exists: s3://" + server.bucket() + "/" + key);

            Location location = Location.parse("s3://" + server.bucket() + "/" + key);
            try (ObjectStream in = store.get(location)) {
                assertThat(in.readAllBytes()).isEqualTo(competitor);
            }
            store.delete(location);
        }
    }

    @Test
    void withoutConditionalWritesADuplicateIsStillRefusedBeforeReading() throws Exception {
        try (Store store = new S3StoreProvider().create("unconditional", config().withoutConditionalWrites().build())) {
            StoredObject first = store.add(ObjectId.of("dup"), new ByteArrayInputStream(bytes(10, 4)), AddOptions.defaults());
            ByteArrayInputStream second = new ByteArrayInputStream(bytes(10, 5));

            assertThatThrownBy(() -> store.add(ObjectId.of("dup"), second, AddOptions.defaults()))
                    .isInstanceOf(ObjectAlreadyExistsException.class);
            assertThat(second.available()).as("bytes left unread in the refused source").isEqualTo(10);
            try (ObjectStream in = store.get(first.location())) {
                assertThat(in.readAllBytes()).isEqualTo(bytes(10, 4));
            }
            store.delete(first.location());
        }
    }

    @Test
    void anInterruptedMultipartAddAbortsItsUpload() throws Exception {
        byte[] data = bytes(3 * 5 * 1024 * 1024, 8);
        try (Store store = new S3StoreProvider().create("interrupted", config().build())) {
            InputStream source = new ByteArrayInputStream(data) {
                @Override
                public synchronized int read(byte[] buffer, int offset, int length) {
                    if (pos >= 6 * 1024 * 1024) {
                        Thread.currentThread().interrupt();
                    }
                    return super.read(buffer, offset, length);
                }
            };

            Throwable failure = catchThrowable(() -> store.add(ObjectId.of("interrupted"), source, AddOptions.defaults()));

            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            assertThat(failure).isInstanceOf(io.stowage.OperationInterruptedException.class);
            assertThat(failure.getSuppressed()).as("a failed abort").isEmpty();
        }
    }

    @Test
    void theWhenRequiredChecksumModeRoundTripsBothUploadPaths() throws Exception {
        try (Store store = new S3StoreProvider().create("when-required",
                config().checksumMode(S3ChecksumMode.WHEN_REQUIRED).build())) {
            for (int size : new int[] {1000, 6 * 1024 * 1024 + 1}) {
                byte[] data = bytes(size, size);
                StoredObject stored = store.add(ObjectId.of("plain-" + size), new ByteArrayInputStream(data),
                        AddOptions.defaults());
                try (ObjectStream in = store.get(stored.location())) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                store.delete(stored.location());
            }
        }
    }

    @Test
    void readsRangesAcrossPartBoundaries() throws Exception {
        byte[] data = bytes(11 * 1024 * 1024 + 3, 6);
        try (Store store = new S3StoreProvider().create("ranges", config().build())) {
            StoredObject stored = store.add(ObjectId.of("parts"), new ByteArrayInputStream(data), AddOptions.defaults());
            int boundary = 5 * 1024 * 1024;
            for (long[] range : new long[][] {{boundary - 10, 20}, {2L * boundary - 1, 2}, {2L * boundary, 1024 * 1024 + 3},
                    {0, data.length}, {data.length - 1, 100}}) {
                try (ObjectStream in = store.get(stored.location(), ByteRange.of(range[0], range[1]))) {
                    int end = (int) Math.min(data.length, range[0] + range[1]);
                    assertThat(in.objectSize()).isEqualTo(data.length);
                    assertThat(in.readAllBytes()).as("bytes %s+%s", range[0], range[1])
                            .isEqualTo(Arrays.copyOfRange(data, (int) range[0], end));
                }
            }
            store.delete(stored.location());
        }
    }

    @Test
    void aWrongSecretKeyIsAConfigurationErrorThatDoesNotShowTheKeys() {
        String wrongSecret = "wrong/" + UUID.randomUUID();
        S3StoreConfig config = config().credentials(server.accessKey(), wrongSecret).build();

        Throwable failure = catchThrowable(() -> new S3StoreProvider().create("denied", config));

        assertThat(failure).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'denied': access to bucket '" + server.bucket()
                        + "' is denied (check the credentials: keys 'accessKey' and 'secretKey')");
        assertNoSecretIn(failure, wrongSecret, server.accessKey());
    }

    @Test
    void aMissingBucketIsAConfigurationErrorUnlessItMayBeCreated() throws Exception {
        String bucket = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        S3StoreConfig missing = server.config().bucket(bucket).build();

        assertThatThrownBy(() -> new S3StoreProvider().create("missing", missing))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'missing', key 'bucket': bucket '" + bucket
                        + "' does not exist (set createBucket: true to create it)");

        S3StoreConfig create = missing.toBuilder().createBucket().build();
        try (Store store = new S3StoreProvider().create("created", create)) {
            StoredObject stored = store.add(ObjectId.of("x"), new ByteArrayInputStream(new byte[] {1, 2, 3}), AddOptions.defaults());
            assertThat(stored.location().url()).isEqualTo("s3://" + bucket + "/x");
            store.delete(stored.location());
        } finally {
            S3TestServers.deleteBucket(server, bucket);
        }
    }

    @Test
    void anUnreachableEndpointIsBackendUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3StoreConfig config = config().endpoint("http://127.0.0.1:" + closedPort).retries(1).build();

        Throwable failure = catchThrowable(() -> new S3StoreProvider().create("unreachable", config));

        assertThat(failure).isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("Cannot reach bucket '" + server.bucket() + "' of store 'unreachable': the S3 service is unavailable");
        assertNoSecretIn(failure, server.secretKey(), server.accessKey());
    }

    @Test
    void refusesLocationsOutsideItsPrefixBeforeTouchingTheServer() throws Exception {
        try (Store store = new S3StoreProvider().create("owner", config().build())) {
            Location outside = Location.parse("s3://" + server.bucket() + "/elsewhere/x");

            assertThat(store.owns(outside)).isFalse();
            assertThatThrownBy(() -> store.get(outside)).isInstanceOf(InvalidLocationException.class)
                    .hasMessage("Location s3://" + server.bucket() + "/elsewhere/x is refused: it is not in bucket '"
                            + server.bucket() + "' under prefix '" + prefix + "/' at " + server.endpoint());
            assertThatThrownBy(() -> store.delete(outside)).isInstanceOf(InvalidLocationException.class);
            assertThatThrownBy(() -> store.size(outside)).isInstanceOf(InvalidLocationException.class);
        }
    }

    @Test
    void theRegistryBuildsTheStoreFromConfigAndRoutesItsLocations() throws Exception {
        Map<String, String> environment = Map.of("KEY", server.accessKey(), "SECRET", server.secretKey());
        String yaml = "default: images\n"
                + "stores:\n"
                + "  images: { type: s3, bucket: " + server.bucket() + ", prefix: \"" + prefix + "\", endpoint: \""
                + server.endpoint() + "\", pathStyle: true, accessKey: \"${KEY}\", secretKey: \"${SECRET}\" }\n";
        try (StoreRegistry stores = StoreRegistry.build(StowageConfig.parse(yaml, environment::get))) {
            byte[] data = bytes(2048, 7);
            StoredObject stored = stores.add(ObjectId.of("routed"), new ByteArrayInputStream(data), AddOptions.defaults());

            assertThat(stored.location().url()).isEqualTo("s3://" + server.bucket() + "/" + prefix + "/routed");
            assertThat(stored.location().storeName()).contains("images");
            Location bare = Location.parse(stored.location().url());
            assertThat(stores.routeName(bare)).isEqualTo("images");
            try (ObjectStream in = stores.get(bare)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            assertThat(stores.describe().get(0).toString()).doesNotContain(server.secretKey());
            stores.delete(bare);
        }
    }

    private static void assertNoSecretIn(Throwable failure, String... secrets) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(cause.getMessage())).as("message of %s", cause.getClass().getName())
                        .doesNotContain(secret);
                for (Throwable suppressed : cause.getSuppressed()) {
                    assertThat(String.valueOf(suppressed.getMessage())).doesNotContain(secret);
                }
            }
        }
    }
}
