package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.BackendUnavailableException;
import io.stowage.Location;
import io.stowage.download.DownloadHandler;
import io.stowage.tck.net.TcpFaultProxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code s3} download handler through the TCK's TCP fault proxy: chunks whose connections
 * are cut resume and the file comes out whole; when every connection is cut the download fails
 * with a clear error.
 */
class S3DownloadHandlerFaultTest {
    private static final int CHUNK = 256 * 1024;

    private final S3TestServer server = S3TestServers.shared();
    private final S3Client admin = S3TestServers.client(server);
    private final String key = S3TestServers.uniquePrefix("download-fault") + "/object";
    private final byte[] data = new byte[8 * CHUNK + 99];
    private TcpFaultProxy proxy;
    private DownloadHandler handler;
    private Location location;

    @TempDir
    Path temp;

    @BeforeEach
    void putObjectAndStartHandler() throws Exception {
        new Random(11).nextBytes(data);
        admin.putObject(request -> request.bucket(server.bucket()).key(key), RequestBody.fromBytes(data));
        location = Location.of(URI.create("s3://" + server.bucket() + "/" + key));
        proxy = TcpFaultProxy.start(new InetSocketAddress(server.endpoint().getHost(), server.endpoint().getPort()));
        handler = new S3DownloadHandlerProvider().create(S3DownloadHandlerConfig.builder()
                .buckets(List.of(server.bucket())).region(server.region()).endpoint("http://127.0.0.1:" + proxy.port())
                .pathStyle().credentials(server.accessKey(), server.secretKey()).concurrency(3).chunkSize(CHUNK)
                .connectTimeout(java.time.Duration.ofSeconds(1)).readTimeout(java.time.Duration.ofMillis(500)).retries(2)
                .build());
    }

    @AfterEach
    void cleanUp() throws Exception {
        handler.close();
        proxy.close();
        admin.deleteObject(request -> request.bucket(server.bucket()).key(key));
        admin.close();
    }

    @Test
    void chunksWhoseConnectionsAreCutResumeAndTheFileIsWhole() throws Exception {
        Path target = Files.createFile(temp.resolve("image"));
        proxy.throttle(1024 * 1024);
        long[] before = new long[1];
        CompletableFuture<Void> cutter = CompletableFuture.runAsync(() -> {
            // once the parallel chunks are flowing, cut every connection they use
            S3StoreFaultTest.await(() -> sizeOf(target) > 3L * CHUNK, Duration.ofSeconds(30));
            before[0] = proxy.connectionsAccepted();
            proxy.cutAll();
        });

        handler.download(location, target);

        cutter.get(30, TimeUnit.SECONDS);
        assertThat(target).hasBinaryContent(data);
        assertThat(proxy.connectionsAccepted()).as("connections opened after the cut").isGreaterThan(before[0]);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void failsClearlyWhenEveryConnectionIsCut() throws Exception {
        Path target = Files.createFile(temp.resolve("image"));
        proxy.cutAfter(10_000);

        Throwable failure = catchThrowable(() -> handler.download(location, target));

        assertThat(failure).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("s3://" + server.bucket() + "/" + key);
        assertThat(failure.getMessage()).doesNotContain(server.secretKey());
    }
}
