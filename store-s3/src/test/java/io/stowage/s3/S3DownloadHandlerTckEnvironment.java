package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.download.DownloadHandler;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code s3} download handler as the download-handler TCK sees it: limited to the run's
 * bucket, with 256 KiB chunks and three at once, so that the TCK's larger objects are fetched
 * in several parallel ranged GETs. Objects are put in with the admin client under a prefix of
 * this environment's own.
 */
final class S3DownloadHandlerTckEnvironment implements DownloadHandlerTckEnvironment {
    static final long CHUNK = 256 * 1024;

    private final S3TestServer server = S3TestServers.shared();
    private final String prefix = S3TestServers.uniquePrefix("download");
    private final S3Client admin = S3TestServers.client(server);

    S3DownloadHandlerConfig config() {
        S3DownloadHandlerConfig.Builder builder = S3DownloadHandlerConfig.builder().buckets(List.of(server.bucket()))
                .region(server.region()).endpoint(server.endpoint().toString())
                .credentials(server.accessKey(), server.secretKey()).concurrency(3).chunkSize(CHUNK);
        if (server.pathStyle()) {
            builder.pathStyle();
        }
        return builder.build();
    }

    @Override
    public DownloadHandler createHandler() throws Exception {
        return new S3DownloadHandlerProvider().create(config());
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Location put(ObjectId id, InputStream data, long size) {
        String key = prefix + "/" + id;
        admin.putObject(request -> request.bucket(server.bucket()).key(key), RequestBody.fromInputStream(data, size));
        return Location.of(URI.create("s3://" + server.bucket() + "/" + key));
    }

    @Override
    public void remove(Location location) throws Exception {
        String key = location.uri().getPath().substring(1);
        admin.deleteObject(request -> request.bucket(server.bucket()).key(key));
    }

    @Override
    public List<Location> refused(Location existing) {
        String key = existing.uri().getPath().substring(1);
        return List.of(
                Location.of(URI.create("s3://another-bucket/" + key)),
                Location.of(existing.uri(), Map.of(Location.LEGACY_S3_ENDPOINT_KEY, "https://s3.elsewhere.invalid")),
                Location.of(existing.uri(), Map.of(Location.LEGACY_S3_ENDPOINT_KEY, "https://s3.amazonaws.com")));
    }

    @Override
    public void assertNothingLeaked() {
        assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).extracting(S3Object::key).isEmpty();
    }

    @Override
    public long largeSize() {
        return 3 * CHUNK + 17;
    }

    @Override
    public void close() {
        admin.close();
    }
}
