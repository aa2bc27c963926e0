package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import io.stowage.Store;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store as the TCK sees it: a store on the run's S3 server ({@link S3TestServers#shared()})
 * under a key prefix of its own, with small multipart settings so that the contract crosses the
 * single-PUT/multipart boundary and the part boundary cheaply: threshold 1 MiB, parts of 5 MiB
 * (S3's minimum), two parts in flight, and few HTTP connections, so that a stream that keeps its
 * connection makes later reads wait and fail.
 *
 * <p>Empty means: no object under the prefix ({@code ListObjectsV2}) and no multipart upload in
 * progress ({@code ListMultipartUploads}); what the store holds open is its reads not yet closed.
 * The server's secret key is the secret no message may show.
 */
final class S3TckEnvironment implements StoreTckEnvironment {
    static final long THRESHOLD = 1024 * 1024;
    static final long PART_SIZE = 5 * 1024 * 1024;

    private final S3TestServer server;
    private final String prefix;
    private final UnaryOperator<S3StoreConfigBuilder> tuning;
    private final S3Client admin;

    S3TckEnvironment() {
        this(UnaryOperator.identity());
    }

    /** @param tuning changes to the TCK settings, e.g. an endpoint through a fault proxy */
    S3TckEnvironment(UnaryOperator<S3StoreConfigBuilder> tuning) {
        this.server = S3TestServers.shared();
        this.prefix = S3TestServers.uniquePrefix("tck");
        this.tuning = tuning;
        this.admin = S3TestServers.client(server);
    }

    S3TestServer server() {
        return server;
    }

    String prefix() {
        return prefix;
    }

    S3Client admin() {
        return admin;
    }

    S3StoreConfig config() {
        return tuning.apply(server.config()
                .prefix(prefix)
                .multipartThreshold(THRESHOLD)
                .partSize(PART_SIZE)
                .uploadConcurrency(2)
                .maxConnections(8)).build();
    }

    @Override
    public Store createStore() throws Exception {
        return new S3StoreProvider().create("tck-s3", config());
    }

    @Override
    public StoreProfile profile() {
        return StoreProfile.READ_WRITE;
    }

    @Override
    public void assertEmpty(Store store) {
        List<S3Object> objects = S3TestServers.objects(admin, server.bucket(), prefix + "/");
        assertThat(objects).as("objects left under %s in bucket %s", prefix, server.bucket())
                .extracting(S3Object::key).isEmpty();
        List<MultipartUpload> uploads = S3TestServers.uploads(admin, server.bucket(), prefix + "/");
        assertThat(uploads).as("multipart uploads left under %s", prefix).extracting(MultipartUpload::key).isEmpty();
    }

    @Override
    public long openResources(Store store) {
        return ((S3Store) store).openReads();
    }

    @Override
    public Set<String> secrets() {
        return Set.of(server.secretKey());
    }

    /** Parts of 5 MiB, two in flight and one filling: 64 MiB is four times what an add may hold. */
    @Override
    public long boundedMemorySize() {
        return 64L * 1024 * 1024;
    }

    @Override
    public List<Location> notOwned(Location owned) {
        String key = owned.uri().getPath().substring(1);
        String id = key.substring(key.lastIndexOf('/') + 1);
        return List.of(
                Location.of(java.net.URI.create("s3://other-bucket/" + key)),
                Location.of(java.net.URI.create("s3://" + server.bucket() + "/" + id)),
                Location.of(java.net.URI.create("s3://" + server.bucket() + "/elsewhere/" + id)),
                Location.of(java.net.URI.create("s3://" + server.bucket() + "/" + key + "/more")),
                Location.of(owned.uri(), java.util.Map.of(Location.LEGACY_S3_ENDPOINT_KEY, "https://s3.elsewhere.invalid")));
    }

    @Override
    public long largeSize() {
        return PART_SIZE + THRESHOLD + 17;
    }

    @Override
    public List<Long> boundarySizes() {
        List<Long> sizes = new ArrayList<>(StoreTckEnvironment.super.boundarySizes());
        sizes.addAll(List.of(THRESHOLD - 1, THRESHOLD, THRESHOLD + 1, PART_SIZE - 1, PART_SIZE, PART_SIZE + 1));
        return sizes;
    }

    @Override
    public void close() {
        admin.close();
    }
}
