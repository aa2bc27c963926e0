package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.BackendUnavailableException;
import io.stowage.ObjectNotFoundException;
import io.stowage.tck.net.TcpFaultProxy;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * API-server failover against two real image-service nodes (separate processes, one registry),
 * each behind a fault proxy that counts what passes: a server that is down from the start, one
 * that stalls, one that answers 503, every server down; and answers that are final (404) are not
 * asked again.
 */
class FailoverTest extends ProxiedNodesTest {

    private static ImageClient client(List<String> servers, List<String> order, Duration readTimeout) throws Exception {
        return ImageClient.builder()
                .apiServers(servers)
                .random(Loopback.shufflingInto(servers, order))
                .retries(3)
                .retryPauses(Duration.ofMillis(10), Duration.ofMillis(200))
                .readTimeout(readTimeout)
                .build();
    }

    @Test
    void aServerDownFromTheStartCostsEachCallOneRetryAndNothingElse() throws Exception {
        String down = Loopback.downServer();
        List<String> servers = List.of(down, Loopback.url(first));
        byte[] data = Payload.of(200_000, 1).bytes();
        for (List<String> order : List.of(servers, List.of(servers.get(1), servers.get(0)))) {
            try (ImageClient client = client(servers, order, Duration.ofSeconds(30))) {
                Image created = client.create(NewImage.builder().name("failover").build());
                Image uploaded = client.upload(created.id(),
                        UploadData.ofStream(new ByteArrayInputStream(data), OptionalLong.of(data.length)), Optional.empty());
                Path target = dir.resolve("target-" + created.id());
                ImageDownload download = client.download(created.id(), target);
                List<String> listed = new ArrayList<>();
                Iterator<Image> images = client.list(100);
                images.forEachRemaining(image -> listed.add(image.id()));
                client.delete(created.id());

                assertThat(uploaded.status()).isEqualTo("active");
                assertThat(download.apiReads()).extracting(ApiRead::server).extracting(Object::toString)
                        .containsOnly(Loopback.url(first));
                assertThat(target).hasBinaryContent(data);
                assertThat(listed).contains(created.id());
                assertThatThrownBy(() -> client.show(created.id())).isInstanceOf(ObjectNotFoundException.class);
            }
        }
    }

    @Test
    void everyServerDownFailsAsUnavailableAfterTheRetries() throws Exception {
        List<String> servers = List.of(Loopback.downServer(), Loopback.downServer());
        try (ImageClient client = client(servers, servers, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> client.show(UUID.randomUUID().toString()))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining(": no image API server answered in 4 attempt(s): " + servers.get(0) + ": ")
                    .hasMessageContaining("; " + servers.get(1) + ": ")
                    .satisfies(failure -> assertThat(failure.getMessage().split("; ")).hasSize(4));
        }
    }

    @Test
    void aServerThatStallsIsGivenUpAfterTheReadTimeoutAndTheNextOneAnswers() throws Exception {
        Image image;
        List<String> servers = List.of(Loopback.url(first), Loopback.url(second));
        try (ImageClient setup = client(servers, servers, Duration.ofSeconds(30))) {
            image = setup.create(NewImage.builder().name("stalled").build());
        }
        first.stall();
        try (ImageClient client = client(servers, servers, Duration.ofSeconds(2))) {
            Image shown = client.show(image.id());

            assertThat(shown.id()).isEqualTo(image.id());
            assertThat(first.awaitHeld(1, Duration.ofSeconds(30))).as("the request reached the stalled server").isTrue();
            assertThat(second.connectionsAccepted()).isEqualTo(1);
        } finally {
            first.heal();
        }
    }

    @Test
    void aNotFoundIsTheServersLastWordAndIsNotAskedAgain() throws Exception {
        List<String> servers = List.of(Loopback.url(first), Loopback.url(second));
        String missing = UUID.randomUUID().toString();
        try (ImageClient client = client(servers, servers, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> client.show(missing))
                    .isInstanceOf(ObjectNotFoundException.class)
                    .hasMessage("Cannot show image " + missing + ": " + servers.get(0) + " answered 404 Not Found: No image"
                            + " found with ID " + missing);
        }
        assertThat(first.connectionsAccepted()).isEqualTo(1);
        assertThat(second.connectionsAccepted()).isZero();
    }

    @Test
    void a503IsAskedAgainOfTheNextServer() throws Exception {
        // A node whose store 'local' holds another dir cannot serve the image's location: it answers 503.
        ServiceNode misconfigured = nodes.startNode("misconfigured", config -> config.replace(
                nodes.fileStoreDir().toString(), dir.resolve("elsewhere").toString()));
        byte[] data = Payload.of(100_000, 3).bytes();
        try (TcpFaultProxy broken = Loopback.proxyFor(misconfigured)) {
            Image image;
            try (ImageClient setup = client(List.of(Loopback.url(first)), List.of(Loopback.url(first)), Duration.ofSeconds(30))) {
                image = setup.create(NewImage.builder().name("503").build());
                setup.upload(image.id(), UploadData.ofStream(new ByteArrayInputStream(data), OptionalLong.empty()),
                        Optional.empty());
            }
            List<String> servers = List.of(Loopback.url(first), Loopback.url(broken));
            try (ImageClient client = client(servers, servers, Duration.ofSeconds(30))) {
                Path target = dir.resolve("target-503");

                // show goes to the first server, the data to the misconfigured one, then again to the first
                ImageDownload download = client.download(image.id(), target);

                assertThat(target).hasBinaryContent(data);
                assertThat(download.apiReads()).extracting(ApiRead::server).extracting(Object::toString)
                        .containsExactly(servers.get(0));
                assertThat(broken.bytesToClients()).as("the misconfigured node answered, with an error and no data")
                        .isBetween(1L, 2_000L);
            }
        } finally {
            misconfigured.close();
        }
    }
}
