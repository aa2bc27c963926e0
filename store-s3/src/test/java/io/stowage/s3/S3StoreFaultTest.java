package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.AddOptions;
import io.stowage.BackendUnavailableException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.net.TcpFaultProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store with the TCK's TCP fault proxy between the SDK and the server, which cuts, stalls
 * and throttles connections. For add and get the outcome is either the right data or a clear
 * error, never short data; and after every test, looked at directly (not through the proxy), no
 * object is left that should not be and no multipart upload is in progress.
 *
 * <p>The store reaches the server only through the proxy, with a short read timeout (500 ms),
 * two retries, multipart above 1 MiB in 5 MiB parts, two in flight.
 */
class S3StoreFaultTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final int PART = 5 * 1024 * 1024;

    private final S3TestServer server = S3TestServers.shared();
    private final S3Client admin = S3TestServers.client(server);
    private final String prefix = S3TestServers.uniquePrefix("fault");
    private TcpFaultProxy proxy;
    private Store store;

    @BeforeEach
    void startProxyAndStore() throws Exception {
        proxy = TcpFaultProxy.start(new InetSocketAddress(server.endpoint().getHost(), server.endpoint().getPort()));
        store = new S3StoreProvider().create("faulty", server.config()
                .endpoint("http://127.0.0.1:" + proxy.port())
                .prefix(prefix)
                .multipartThreshold(1024 * 1024)
                .partSize(PART)
                .uploadConcurrency(2)
                .readTimeout(READ_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(1))
                .retries(2)
                .build());
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        try {
            proxy.heal();
            assertThat(((S3Store) store).openReads()).as("streams not closed").isZero();
            assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/"))
                    .as("multipart uploads in progress").isEmpty();
            assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).as("objects left").isEmpty();
        } finally {
            store.close();
            proxy.close();
            admin.close();
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private byte[] readAll(StoredObject stored) throws IOException {
        try (ObjectStream in = store.get(stored.location())) {
            return in.readAllBytes();
        }
    }

    /** A source that runs {@code fault} once, when {@code after} bytes have been read from it. */
    private static InputStream faultAfter(byte[] data, int after, Runnable fault) {
        return new ByteArrayInputStream(data) {
            private boolean done;

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                if (!done && pos >= after) {
                    done = true;
                    fault.run();
                }
                int limit = !done && pos < after ? Math.min(length, after - pos) : length;
                return super.read(buffer, offset, limit);
            }
        };
    }

    // ---------------------------------------------------------------- add

    @Test
    void addSucceedsWhenConnectionsAreCutMidUpload() throws Exception {
        byte[] data = bytes(2 * PART + 12345, 1);
        AtomicInteger cutConnections = new AtomicInteger(-1);
        AtomicLong acceptedAtTheCut = new AtomicLong(-1);

        // counted at the cut itself: how many connections the upload had open (in use or pooled)
        // before it is not a matter of timing, nor is how many it opens after
        StoredObject stored = store.add(ObjectId.of("cut-once"), faultAfter(data, PART + PART / 2, () -> {
            cutConnections.set(proxy.openConnections());
            proxy.cutAll();
            acceptedAtTheCut.set(proxy.connectionsAccepted());
        }), AddOptions.defaults());

        assertThat(cutConnections.get()).as("connections the cut ended").isPositive();
        assertThat(proxy.connectionsAccepted()).as("connections opened after the cut").isGreaterThan(acceptedAtTheCut.get());
        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(readAll(stored)).isEqualTo(data);
        store.delete(stored.location());
    }

    @Test
    void aMultipartAddFailsClearlyWhenEveryConnectionIsCutAndLeavesNoUpload() throws Exception {
        byte[] data = bytes(PART + 4321, 2);
        proxy.cutAfter(300_000);

        Throwable failure = catchThrowable(() -> store.add(ObjectId.of("cut-always"), new ByteArrayInputStream(data),
                AddOptions.defaults()));

        assertThat(failure).isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("Cannot add s3://" + server.bucket() + "/" + prefix + "/cut-always: ");
        assertThat(failure.getSuppressed()).as("a failed abort").isEmpty();
        proxy.heal();
        assertNotFound("cut-always");
    }

    @Test
    void aSinglePutFailsClearlyWhenEveryConnectionIsCutAndStoresNothing() throws Exception {
        byte[] data = bytes(900_000, 3);
        proxy.cutAfter(200_000);

        Throwable failure = catchThrowable(() -> store.add(ObjectId.of("cut-put"), new ByteArrayInputStream(data),
                AddOptions.defaults()));

        assertThat(failure).isInstanceOf(BackendUnavailableException.class);
        proxy.heal();
        assertNotFound("cut-put");
    }

    @Test
    void addSurvivesAStallLongerThanTheReadTimeout() throws Exception {
        byte[] data = bytes(PART + PART / 2, 4);
        CompletableFuture<Void> healer = new CompletableFuture<>();
        Runnable stallUntilRetried = () -> {
            long before = proxy.connectionsAccepted();
            proxy.stall();
            CompletableFuture.runAsync(() -> {
                // the SDK gives up the stalled attempt and retries on a new connection: then the network comes back
                await(() -> proxy.connectionsAccepted() > before, Duration.ofSeconds(30));
                proxy.resume();
            }).whenComplete((ok, e) -> healer.complete(null));
        };

        StoredObject stored = store.add(ObjectId.of("stalled"), faultAfter(data, PART + 1, stallUntilRetried),
                AddOptions.defaults());

        healer.get(30, TimeUnit.SECONDS);
        assertThat(readAll(stored)).isEqualTo(data);
        store.delete(stored.location());
    }

    /**
     * A slow but steady connection is not taken for a stalled one. The read timeout here is 3 s:
     * once the SDK has handed a body to the kernel it waits for the answer while the throttled
     * bytes still drain from the socket buffers (a few MiB on loopback).
     */
    @Test
    void addAndGetThroughAThrottledConnection() throws Exception {
        byte[] data = bytes(3 * 1024 * 1024 + 7, 5);
        try (Store patient = new S3StoreProvider().create("patient", server.config()
                .endpoint("http://127.0.0.1:" + proxy.port())
                .prefix(prefix)
                .multipartThreshold(1024 * 1024)
                .partSize(PART)
                .readTimeout(Duration.ofSeconds(3))
                .retries(0)
                .build())) {
            proxy.throttle(2 * 1024 * 1024);

            StoredObject stored = patient.add(ObjectId.of("throttled"), new ByteArrayInputStream(data), AddOptions.defaults());

            try (ObjectStream in = patient.get(stored.location())) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            patient.delete(stored.location());
        }
    }

    // ---------------------------------------------------------------- get

    @Test
    void aReadResumesAfterTheConnectionIsCut() throws Exception {
        byte[] data = bytes(3 * 1024 * 1024, 6);
        StoredObject stored = store.add(ObjectId.of("resumed"), new ByteArrayInputStream(data), AddOptions.defaults());
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        long before = proxy.connectionsAccepted();
        // Each connection is cut once 2 MiB passed it: the first breaks a third of the way from
        // the end, whatever the socket buffers already hold (a cut after a read of 1 MiB came too
        // late when the rest of the body was already in the client's buffers), and the resumed
        // read on a new connection is short enough to finish.
        proxy.cutAfter(2 * 1024 * 1024);
        try (ObjectStream in = store.get(stored.location())) {
            in.transferTo(read);
        } finally {
            proxy.heal();
        }

        assertThat(proxy.connectionsAccepted()).as("connections, one reopened").isGreaterThan(before);
        assertThat(read.toByteArray()).isEqualTo(data);
        store.delete(stored.location());
    }

    @Test
    void aReadFailsClearlyWhenEveryConnectionIsCutAndNeverReturnsShortData() throws Exception {
        byte[] data = bytes(2 * 1024 * 1024, 7);
        StoredObject stored = store.add(ObjectId.of("cut-read"), new ByteArrayInputStream(data), AddOptions.defaults());
        proxy.cutAfter(100_000);
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        Throwable failure;
        try (ObjectStream in = store.get(stored.location())) {
            failure = catchThrowable(() -> in.transferTo(read));
        }

        assertThat(failure).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("Reading s3://" + server.bucket() + "/" + prefix + "/cut-read broke at byte");
        assertThat(read.size()).isLessThan(data.length);
        proxy.heal();
        store.delete(stored.location());
    }

    @Test
    void aReadFailsClearlyWhenTheServerStallsPastTheReadTimeout() throws Exception {
        byte[] data = bytes(4 * 1024 * 1024, 8);
        StoredObject stored = store.add(ObjectId.of("stalled-read"), new ByteArrayInputStream(data), AddOptions.defaults());
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        Throwable failure;
        try {
            // Throttled, the proxy has forwarded little more than the first read when the stall
            // begins; at full speed it could forward the whole body into the client's buffers
            // first, and the read would end without meeting the stall (seen under load).
            proxy.throttle(2 * 1024 * 1024);
            try (ObjectStream in = store.get(stored.location())) {
                read.write(in.readNBytes(100_000));
                proxy.stall();
                failure = catchThrowable(() -> in.transferTo(read));
            }

            assertThat(failure).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("Reading s3://" + server.bucket() + "/" + prefix + "/stalled-read broke at byte ")
                    .hasMessageContaining("2 resumed read(s) did not finish it");
            assertThat(read.size()).isLessThan(data.length);
            proxy.heal();
            assertThat(readAll(stored)).isEqualTo(data);
        } finally {
            proxy.heal();
            store.delete(stored.location());
        }
    }

    private void assertNotFound(String id) {
        assertThat(catchThrowable(() -> store.size(io.stowage.Location.parse("s3://" + server.bucket() + "/" + prefix + "/" + id))))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    /** Waits, checking every 10 ms, until {@code condition} holds; fails after {@code timeout}. */
    static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }
}
