package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted store call or read ends with {@link OperationInterruptedException} (the one
 * type every backend reports an interrupt with), the interrupt status still set, and no
 * connection left held.
 */
class HttpStoreInterruptTest extends HttpStoreFaultFixture {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // whatever a failed test left set must not leak into the next one
    }

    @Test
    void aCallOnAnInterruptedThreadIsOperationInterrupted() throws Exception {
        server.on("/object", (request, number, response) -> response.serve(DATA, "\"v1\""));
        Location location = location("/object");

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> store.size(location)).isExactlyInstanceOf(OperationInterruptedException.class)
                .hasMessageContaining(location.toString());
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> store.get(location).close()).isExactlyInstanceOf(OperationInterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    }

    @Test
    void anInterruptWhileWaitingToRetryIsOperationInterrupted() throws Exception {
        store.close();
        store = store(TestConfigs.fast("retries", 1, "retryBackoffMillis", 30_000, "maxRetryBackoffMillis", 30_000));
        Thread caller = Thread.currentThread();
        CountDownLatch answered = new CountDownLatch(1);
        server.on("/busy", (request, number, response) -> {
            // Retry-After: a pause of at least 30 s, where the backoff alone may draw one close to 0 (full jitter)
            response.status(503).header("Retry-After", 30).header("Content-Length", 0).end();
            answered.countDown();
        });
        Thread interrupter = new Thread(() -> {
            try {
                if (answered.await(30, TimeUnit.SECONDS)) {
                    caller.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();

        try {
            assertThatThrownBy(() -> store.size(location("/busy"))).isExactlyInstanceOf(OperationInterruptedException.class)
                    .hasMessageContaining(location("/busy").toString());
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        } finally {
            interrupter.join();
        }
        assertThat(server.requests("/busy")).hasSize(1);
    }

    @Test
    void aReadOnAnInterruptedThreadIsOperationInterruptedAndReleasesTheConnection() throws Exception {
        server.on("/object", (request, number, response) -> response.serve(DATA, "\"v1\""));

        try (ObjectStream stream = store.get(location("/object"))) {
            assertThat(stream.readNBytes(1000)).hasSize(1000);
            Thread.currentThread().interrupt();
            assertThatThrownBy(stream::readAllBytes).isExactlyInstanceOf(OperationInterruptedException.class)
                    .hasMessageContaining(location("/object").toString());
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        }
        assertThat(store.leasedConnections()).isZero();
    }

    @Test
    void aBodyBreakingOnAnInterruptedThreadIsNotResumed() throws Exception {
        Thread caller = Thread.currentThread();
        server.on("/cut", (request, number, response) -> {
            response.status(200).header("Content-Length", DATA.length).header("ETag", "\"v1\"").body(DATA, 0, 70_000);
            caller.interrupt(); // then the connection closes early
        });

        try (ObjectStream stream = store.get(location("/cut"))) {
            assertThatThrownBy(stream::readAllBytes).isExactlyInstanceOf(OperationInterruptedException.class);
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        }
        assertThat(server.requests("/cut")).hasSize(1);
    }

    @Test
    void aDownloadInterruptedMidwayIsOperationInterrupted(@TempDir Path dir) throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch interrupted = new CountDownLatch(1);
        server.on("/object", (request, number, response) -> {
            response.status(200).header("Content-Length", DATA.length).header("ETag", "\"v1\"").body(DATA, 0, 100_000);
            caller.interrupt();
            interrupted.countDown();
            response.body(DATA, 100_000, DATA.length); // read after the interrupt
        });
        Path target = Files.createFile(dir.resolve("target"));

        try (HttpDownloadHandler handler = new HttpDownloadHandler(TestConfigs.fast("retries", RETRIES))) {
            assertThatThrownBy(() -> handler.download(location("/object"), target))
                    .isExactlyInstanceOf(OperationInterruptedException.class)
                    .hasMessageContaining(location("/object").toString());
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
            assertThat(handler.leasedConnections()).isZero();
        }
        assertThat(interrupted.getCount()).isZero();
    }
}
