package io.stowage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy 4.1 in this JVM on {@code 127.0.0.1} and a free port, with AWS v2/v4 signatures and
 * random keys, over one of its nio2 blob stores: in memory ({@link #inMemory()}, what the
 * suites use) or on disk in a temp dir ({@link #onDisk()}, for objects larger than the heap).
 * Both resolve {@code If-None-Match: *} as they write, on PutObject and on
 * CompleteMultipartUpload. The on-disk store cannot hold a key whose last segment is longer than
 * about 218 characters (it writes {@code <name>-<uuid>} temp files), so the TCK, which stores
 * 255-character ids, runs on the in-memory one.
 */
final class EmbeddedS3Proxy implements S3TestServer {
    static final String BUCKET = "stowage-test";

    private final Path root;
    private final String kind;
    private final S3Proxy proxy;
    private final String accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    private final String secretKey = UUID.randomUUID().toString();
    private final URI endpoint;

    private EmbeddedS3Proxy(Path root, BlobStore blobStore, String kind) throws Exception {
        this.root = root;
        this.kind = kind;
        this.proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        proxy.start();
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server keeping its objects in memory. */
    static EmbeddedS3Proxy inMemory() {
        return start(false);
    }

    /** Starts a server over a new temp dir; it and its data go on {@link #close()}. */
    static EmbeddedS3Proxy onDisk() {
        return start(true);
    }

    /** Starts a server over {@code hooks} (see {@link HookedBlobStore#inMemory()}). */
    static EmbeddedS3Proxy hooked(HookedBlobStore hooks) {
        return start(root -> new EmbeddedS3Proxy(root, hooks, "in-memory blob store with hooks"));
    }

    private static EmbeddedS3Proxy start(boolean onDisk) {
        return start(root -> onDisk
                ? new EmbeddedS3Proxy(root, new FilesystemNio2BlobStore(root.toString()), "filesystem blob store")
                : new EmbeddedS3Proxy(root, new TransientNio2BlobStore(), "in-memory blob store"));
    }

    @FunctionalInterface
    private interface Starter {
        EmbeddedS3Proxy start(Path root) throws Exception;
    }

    private static EmbeddedS3Proxy start(Starter starter) {
        Path root = null;
        try {
            root = Files.createTempDirectory("stowage-s3proxy-");
            EmbeddedS3Proxy server = starter.start(root);
            S3TestServers.createBucket(server, BUCKET);
            return server;
        } catch (Exception e) {
            if (root != null) {
                deleteTree(root);
            }
            throw new IllegalStateException("The embedded S3Proxy could not be started", e);
        }
    }

    @Override
    public String description() {
        return "embedded S3Proxy 4.1.0 (" + kind + ") at " + endpoint;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return accessKey;
    }

    @Override
    public String secretKey() {
        return secretKey;
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public boolean pathStyle() {
        return true;
    }

    @Override
    public String bucket() {
        return BUCKET;
    }

    @Override
    public boolean canCreateBuckets() {
        return true;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded S3Proxy did not stop", e);
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
