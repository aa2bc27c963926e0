package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.StoredObject;
import io.stowage.download.DownloadHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import io.stowage.ObjectId;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.s3.HookedBlobStore.Call;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Interrupted operations fail with {@link OperationInterruptedException} and leave the thread's
 * interrupt status set. An add interrupted while its parts are in flight: the server holds the parts (S3Proxy behind a
 * {@link HookedBlobStore}) while the adding thread is interrupted again and again. The abort of
 * the upload must reach the server only after every part request has ended there, so that no part
 * lands after it; the add fails with {@link OperationInterruptedException}, the thread keeps its
 * interrupt, and no upload is left.
 */
class S3InterruptTest {
    private static final int PART = 5 * 1024 * 1024;
    private static final HookedBlobStore HOOKS = HookedBlobStore.inMemory();
    private static EmbeddedS3Proxy server;
    private static S3Client admin;
    private final String prefix = S3TestServers.uniquePrefix("interrupt");

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

    @AfterEach
    void nothingIsLeft() {
        HOOKS.pass();
        assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/")).as("uploads in progress").isEmpty();
        assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).as("objects").isEmpty();
    }

    @Test
    void theAbortReachesTheServerOnlyAfterThePartsInFlightEndedThere() throws Exception {
        CountDownLatch partsArrived = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        HOOKS.hook((call, key, proceed) -> {
            if (call == Call.UPLOAD_PART) {
                partsArrived.countDown();
                awaitQuietly(release);
            }
            return proceed.get();
        });
        byte[] data = new byte[3 * PART + 1];
        new Random(1).nextBytes(data);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        try (Store store = new S3StoreProvider().create("interrupted", server.config()
                .prefix(prefix).multipartThreshold(1024 * 1024).partSize(PART).uploadConcurrency(2).build())) {
            Thread adder = new Thread(() -> {
                try {
                    store.add(ObjectId.of("interrupted"), new ByteArrayInputStream(data), AddOptions.defaults());
                } catch (Throwable e) {
                    failure.set(e);
                }
                interruptKept.set(Thread.currentThread().isInterrupted());
            }, "interrupted-adder");
            adder.start();
            assertThat(partsArrived.await(30, TimeUnit.SECONDS)).as("two parts reached the server").isTrue();

            // a caller that insists: interrupts until the upload is aborted, at most 200 times
            for (int i = 0; i < 200 && adder.isAlive() && !HOOKS.saw("ABORT_UPLOAD started"); i++) {
                adder.interrupt();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            release.countDown();
            adder.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(adder.isAlive()).as("the add ended").isFalse();
        }

        HOOKS.awaitIdle(Duration.ofMinutes(1));
        List<String> log = HOOKS.log();
        assertThat(log).contains("ABORT_UPLOAD ok");
        assertThat(log.subList(log.indexOf("ABORT_UPLOAD started"), log.size()))
                .as("what the server did from the abort on (whole log: %s)", log)
                .containsExactly("ABORT_UPLOAD started", "ABORT_UPLOAD ok");
        assertThat(failure.get()).isInstanceOf(OperationInterruptedException.class)
                .hasMessageStartingWith("Interrupted while trying to add s3://" + server.bucket() + "/" + prefix
                        + "/interrupted");
        assertThat(interruptKept).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void interruptedReadsSizesDeletesAndDownloadsAreOperationInterrupted(@TempDir Path dir) throws Exception {
        try (Store store = new S3StoreProvider().create("interrupted", server.config().prefix(prefix).build());
                DownloadHandler handler = new S3DownloadHandlerProvider().create(S3DownloadHandlerConfig.builder()
                        .region(server.region()).endpoint(server.endpoint().toString()).pathStyle()
                        .credentials(server.accessKey(), server.secretKey()).build())) {
            StoredObject stored = store.add(ObjectId.of("there"), new ByteArrayInputStream(new byte[] {1, 2, 3}),
                    AddOptions.defaults());
            Location location = stored.location();
            Path target = Files.createFile(dir.resolve("target"));
            try {
                assertInterrupted(() -> store.size(location), "read the size of " + location.url());
                assertInterrupted(() -> store.get(location).close(), "read " + location.url());
                assertInterrupted(() -> store.delete(location), "delete " + location.url());
                assertInterrupted(() -> handler.download(location, target), "download " + location.url());
            } finally {
                store.delete(location);
            }
        }
    }

    private static void assertInterrupted(ThrowingCallable call, String action) {
        Thread.currentThread().interrupt();
        Throwable failure = catchThrowable(call);
        assertThat(Thread.interrupted()).as("interrupt kept by: %s", action).isTrue();
        assertThat(failure).as(action).isInstanceOf(OperationInterruptedException.class)
                .hasMessageStartingWith("Interrupted while trying to " + action);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the held parts");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
