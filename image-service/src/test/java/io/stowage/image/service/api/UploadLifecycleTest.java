package io.stowage.image.service.api;

import static io.stowage.image.service.api.ImageApiStatusTest.bytes;
import static io.stowage.image.service.api.ImageApiStatusTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.Http;
import io.stowage.image.service.Http.Reply;
import io.stowage.image.service.TestService;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.ImageStatus;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload lifecycle under races and failures: two uploads to one image, a delete during an
 * upload, a client that goes away or stalls mid-body, a graceful stop during an upload. After
 * each, the image is in a legal state and the stores hold exactly the data of active images.
 */
class UploadLifecycleTest {
    private static final String OCTETS = "application/octet-stream";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private TestService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void ofTwoUploadsToOneImageOneWinsAndTheOtherGets409() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create("{}");
        byte[] first = bytes(2_000_000);
        GatedBody gated = new GatedBody(first, 100_000);
        CompletableFuture<Reply> winner = CompletableFuture.supplyAsync(
                () -> http.putStream("/v2/images/" + id + "/file", () -> gated, "Content-Type", OCTETS));
        awaitStatus(http, id, "saving");

        Reply loser = http.put("/v2/images/" + id + "/file", bytes(1000), "Content-Type", OCTETS, "X-Image-Meta-Store", "fast");
        gated.open();

        assertThat(loser.status()).isEqualTo(409);
        assertThat(winner.get().status()).isEqualTo(204);
        assertThat(http.show(id).get("checksum").textValue()).isEqualTo(hex("MD5", first));
        assertThat(service.storedFiles()).singleElement().extracting(path -> path.getFileName().toString())
                .asString().startsWith(id + ".");
    }

    @Test
    void aDeleteDuringAnUploadLeavesNeitherDataNorRecord() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create("{}");
        GatedBody gated = new GatedBody(bytes(2_000_000), 100_000);
        CompletableFuture<Reply> upload = CompletableFuture.supplyAsync(
                () -> http.putStream("/v2/images/" + id + "/file", () -> gated, "Content-Type", OCTETS));
        awaitStatus(http, id, "saving");

        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(204);
        gated.open();

        assertThat(upload.get().status()).isEqualTo(410);
        assertThat(http.get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(service.storedFiles()).isEmpty();
        service.stop();
        try (ImageRegistry registry = service.openRegistry()) {
            assertThat(registry.find(id)).isEmpty();
            assertThat(registry.deletedImages()).isEmpty();
        }
    }

    @Test
    void anUploadCutMidBodyQueuesTheImageAtOnceKeepsNothingAndANewUploadWorks() throws Exception {
        service = TestService.start(dir, settings -> settings.idleTimeout(Duration.ofMinutes(10)));
        Http http = new Http(service);
        String id = http.create("{}");

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + OCTETS
                    + "\r\nContent-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes(300_000));
            out.flush();
            awaitStatus(http, id, "saving");
        }
        // Far sooner than the 10-minute idle timeout: the cut itself ends the upload.
        awaitStatus(http, id, "queued");

        assertThat(service.storedFiles()).isEmpty();
        byte[] data = bytes(700_000);
        assertThat(http.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS).status()).isEqualTo(204);
        assertThat(http.show(id).get("checksum").textValue()).isEqualTo(hex("MD5", data));
    }

    @Test
    void aStalledUploadIsEndedByTheIdleTimeout() throws Exception {
        service = TestService.start(dir, settings -> settings.idleTimeout(Duration.ofMillis(500)));
        Http http = new Http(service);
        String id = http.create("{}");

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + OCTETS
                    + "\r\nContent-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes(300_000));
            out.flush();
            awaitStatus(http, id, "saving");
            // the client stays connected and silent
            awaitStatus(http, id, "queued");
        }
        assertThat(service.storedFiles()).isEmpty();
    }

    @Test
    void aGracefulStopLetsAnUploadInFlightFinishAndLeavesNothingSaving() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create("{}");
        String other = http.create("{}");
        byte[] data = bytes(2_000_000);
        GatedBody gated = new GatedBody(data, 100_000);
        CompletableFuture<Reply> upload = CompletableFuture.supplyAsync(
                () -> http.putStream("/v2/images/" + id + "/file", () -> gated, "Content-Type", OCTETS));
        awaitStatus(http, id, "saving");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                service.stop();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        gated.open();
        stopping.get();

        assertThat(upload.get().status()).isEqualTo(204);
        try (ImageRegistry registry = service.openRegistry()) {
            Image image = registry.find(id).orElseThrow();
            assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
            assertThat(image.data().orElseThrow().checksum()).isEqualTo(hex("MD5", data));
            assertThat(registry.find(other).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
        }
    }

    @Test
    void anObjectLeftUnderTheImageIdByACrashDoesNotBlockAnUpload() throws Exception {
        service = TestService.start(dir);
        Http http = new Http(service);
        String id = http.create("{}");
        // what a node killed after its add published (before the image became active) left behind
        java.nio.file.Files.write(dir.resolve("local").resolve(id), bytes(1000));
        byte[] data = bytes(5000);

        Reply upload = http.put("/v2/images/" + id + "/file", data, "Content-Type", OCTETS);

        assertThat(upload.status()).as(upload.toString()).isEqualTo(204);
        assertThat(http.show(id).get("checksum").textValue()).isEqualTo(hex("MD5", data));
    }

    private static void awaitStatus(Http http, String id, String status) {
        Conditions.await("image " + id + " to be " + status, DEADLINE,
                () -> http.show(id).get("status").textValue().equals(status));
    }
}
