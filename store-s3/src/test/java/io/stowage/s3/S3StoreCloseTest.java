package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Closing a store while an add runs: within {@code closeTimeout} the add may finish; after it the
 * add is stopped and its multipart upload aborted; either way no upload is left open, close
 * returns, and later calls fail with a clear error.
 */
class S3StoreCloseTest {
    private static final int PART = 5 * 1024 * 1024;
    private final S3TestServer server = S3TestServers.shared();
    private final S3Client admin = S3TestServers.client(server);
    private final String prefix = S3TestServers.uniquePrefix("close");

    @AfterEach
    void noUploadIsLeft() {
        try {
            assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/")).as("uploads in progress").isEmpty();
        } finally {
            admin.close();
        }
    }

    private Store open(Duration closeTimeout) throws Exception {
        return new S3StoreProvider().create("closing", server.config().prefix(prefix).multipartThreshold(1024 * 1024)
                .partSize(PART).uploadConcurrency(2).closeTimeout(closeTimeout).build());
    }

    @Test
    void closeLetsARunningAddFinish() throws Exception {
        HeldSource source = new HeldSource(bytes(3 * PART), 2 * PART);
        Store store = open(Duration.ofMinutes(2));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread adder = start(() -> outcome.set(store.add(ObjectId.of("finishing"), source, AddOptions.defaults())),
                outcome);
        source.awaitHeld();
        Thread closer = start(store::close, new AtomicReference<>());
        awaitWaitingOrEnded(closer);

        source.release();
        adder.join(TimeUnit.MINUTES.toMillis(2));
        closer.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(closer.isAlive()).as("close returned").isFalse();
        assertThat(outcome.get()).as("the add's outcome").isInstanceOf(StoredObject.class);
        String key = prefix + "/finishing";
        assertThat(S3TestServers.objects(admin, server.bucket(), key)).hasSize(1);
        admin.deleteObject(request -> request.bucket(server.bucket()).key(key));
        assertClosed(store);
    }

    @Test
    void closeAbortsTheUploadOfAnAddStillRunningAfterTheTimeout() throws Exception {
        HeldSource source = new HeldSource(bytes(3 * PART), 2 * PART);
        Store store = open(Duration.ofMillis(200));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread adder = start(() -> outcome.set(store.add(ObjectId.of("stuck"), source, AddOptions.defaults())), outcome);
        source.awaitHeld();
        try {
            store.close();

            assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/")).as("uploads after close").isEmpty();
            assertClosed(store);
        } finally {
            source.release();
            adder.join(TimeUnit.MINUTES.toMillis(2));
        }
        assertThat(outcome.get()).isInstanceOf(StoreException.class);
        assertThat((Throwable) outcome.get()).hasMessage("Cannot add s3://" + server.bucket() + "/" + prefix
                + "/stuck: store 'closing' was closed before the add finished; its upload was aborted");
        assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).isEmpty();
    }

    @Test
    void aStreamOpenWhenTheStoreClosesFailsWithAStoreException() throws Exception {
        Store store = open(Duration.ofSeconds(30));
        byte[] data = bytes(3 * 1024 * 1024);
        StoredObject stored = store.add(ObjectId.of("read"), new ByteArrayInputStream(data), AddOptions.defaults());
        try (io.stowage.ObjectStream stream = store.get(stored.location())) {
            stream.readNBytes(1000);
            store.close();

            assertThat(catchThrowable(() -> stream.transferTo(java.io.OutputStream.nullOutputStream())))
                    .isInstanceOf(StoreException.class);
        } finally {
            admin.deleteObject(request -> request.bucket(server.bucket()).key(prefix + "/read"));
        }
    }

    private void assertClosed(Store store) {
        Location location = Location.of(URI.create("s3://" + server.bucket() + "/" + prefix + "/any"));
        for (Throwable failure : new Throwable[] {
                catchThrowable(() -> store.size(location)),
                catchThrowable(() -> store.get(location)),
                catchThrowable(() -> store.delete(location)),
                catchThrowable(() -> store.add(ObjectId.of("late"), InputStream.nullInputStream(), AddOptions.defaults()))}) {
            assertThat(failure).isExactlyInstanceOf(StoreException.class).hasMessage("Store 'closing' is closed");
        }
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static Thread start(Action action, AtomicReference<Object> failure) {
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.start();
        return thread;
    }

    /** Waits until {@code thread} waits (close waiting for the add) or has ended (it did not wait). */
    private static void awaitWaitingOrEnded(Thread thread) {
        S3StoreFaultTest.await(() -> thread.getState() == Thread.State.TIMED_WAITING
                || thread.getState() == Thread.State.TERMINATED, Duration.ofSeconds(30));
    }

    /** Data that stops at byte {@code holdAt} until released. */
    private static final class HeldSource extends ByteArrayInputStream {
        private final int holdAt;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldSource(byte[] data, int holdAt) {
            super(data);
            this.holdAt = holdAt;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (pos >= holdAt && released.getCount() > 0) {
                held.countDown();
                try {
                    released.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                return super.read(buffer, offset, pos < holdAt ? Math.min(length, holdAt - pos) : length);
            }
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(1, TimeUnit.MINUTES)).as("the add reached the held byte").isTrue();
        }

        void release() {
            released.countDown();
        }
    }
}
