package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.BackendUnavailableException;
import io.stowage.tck.net.TcpFaultProxy;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads that fail on one server, against two real image-service nodes behind fault proxies: an
 * upload is sent again only where it cannot have been applied (the image is still queued), and one
 * whose answer was lost is recognised as done.
 */
class UploadRetryTest extends ProxiedNodesTest {
    private static final byte[] DATA = Payload.of(2 * 1024 * 1024 + 3, 5).bytes();

    private static Path file;

    @BeforeAll
    static void writeImage() throws Exception {
        file = Files.write(dir.resolve("image.raw"), DATA);
    }

    /** A client that asks {@code first}, then {@code second}, with retries enough for a node to end a broken upload. */
    private ImageClient client(TcpFaultProxy... order) throws Exception {
        List<String> servers = java.util.Arrays.stream(order).map(Loopback::url).toList();
        return ImageClient.builder()
                .apiServers(servers)
                .random(Loopback.shufflingInto(servers, servers))
                .retries(6)
                .retryPauses(Duration.ofMillis(50), Duration.ofSeconds(1))
                .build();
    }

    /** A queued image, created through the second node. */
    private Image queuedImage() throws Exception {
        try (ImageClient setup = client(second)) {
            return setup.create(NewImage.builder().name("upload-retry").build());
        }
    }

    @Test
    void anUploadCutMidBodyIsSentAgainOnceTheImageIsBackInQueued() throws Exception {
        Image image = queuedImage();
        first.cutAfter(300_000);
        try (ImageClient client = client(first, second)) {
            Image uploaded = client.upload(image.id(), UploadData.ofFile(file), Optional.empty());

            assertThat(uploaded.status()).isEqualTo("active");
            assertThat(uploaded.size()).hasValue(DATA.length);
            assertThat(uploaded.checksum()).contains(ImageClientRoundTripTest.hex("MD5", DATA));
        }
        assertThat(first.bytesToTarget()).as("the first attempt, cut").isBetween(1L, DATA.length / 2L);
        assertThat(second.bytesToTarget()).as("the attempt sent again, whole").isGreaterThan(DATA.length);
    }

    @Test
    void aStreamCutMidBodyIsNotSentAgain() throws Exception {
        Image image = queuedImage();
        long sentToSecond = second.bytesToTarget();
        first.cutAfter(300_000);
        try (ImageClient client = client(first, second)) {
            assertThatThrownBy(() -> client.upload(image.id(),
                    UploadData.ofStream(new ByteArrayInputStream(DATA), OptionalLong.of(DATA.length)), Optional.empty()))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageStartingWith("Cannot upload the data of image " + image.id() + ": an attempt failed after"
                            + " sending ")
                    .hasMessageEndingWith(" bytes read from a stream, which cannot be read again; the image is left as the"
                            + " service has it");
        }
        assertThat(second.bytesToTarget()).as("nothing was sent to the second node").isEqualTo(sentToSecond);
    }

    @Test
    void anUploadWhoseAnswerWasLostIsRecognisedAsDone() throws Exception {
        long exchange = uploadExchangeBytes();
        Image image = queuedImage();
        // The whole request and the node's 100 Continue pass; the final answer, written after the
        // image became active, loses its last byte and the connection.
        first.cutAfter(exchange - 1);
        try (ImageClient client = client(first, second)) {
            Image uploaded = client.upload(image.id(), UploadData.ofFile(file), Optional.empty());

            assertThat(uploaded.status()).isEqualTo("active");
            assertThat(uploaded.checksum()).contains(ImageClientRoundTripTest.hex("MD5", DATA));
        }
        assertThat(first.bytesToClients()).as("the node answered").isPositive();
        assertThat(second.bytesToTarget()).as("only the image was asked for, no data sent again").isLessThan(10_000);
    }

    /**
     * The bytes, both ways, of one upload exchange of the client through a proxy (request, 100
     * Continue, answer): an upload of the same data to an image with an id of the same length,
     * less the show the client asks for after it.
     */
    private long uploadExchangeBytes() throws Exception {
        try (TcpFaultProxy calibration = Loopback.proxyFor(nodes.node(0)); ImageClient client = client(calibration)) {
            Image image = queuedImage();
            client.upload(image.id(), UploadData.ofFile(file), Optional.empty());
            long uploadAndShow = calibration.bytesToTarget() + calibration.bytesToClients();
            client.show(image.id());
            long show = calibration.bytesToTarget() + calibration.bytesToClients() - uploadAndShow;
            return uploadAndShow - show;
        }
    }
}
