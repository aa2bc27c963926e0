package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ProgressListener;
import io.stowage.tck.net.TcpFaultProxy;
import io.stowage.tck.source.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download through the API whose node is SIGKILLed halfway: it completes from the other node,
 * byte for byte, resumed where it broke, not started again, as both the client's account of the
 * reads and what the surviving node sent through its proxy show.
 */
class KilledNodeDownloadTest {
    private static final int SIZE = 48 * 1024 * 1024 + 5;
    private static final long KILL_AT = SIZE / 4;

    @TempDir
    Path dir;

    @Test
    void aDownloadWhoseNodeIsKilledResumesOnTheOther() throws Exception {
        Payload data = Payload.of(SIZE, 9);
        Path file = dir.resolve("image.raw");
        try (java.io.InputStream in = data.open()) {
            Files.copy(in, file);
        }
        try (ServiceNodes nodes = ServiceNodes.start(dir.resolve("service"), 2);
                TcpFaultProxy first = Loopback.proxyFor(nodes.node(0));
                TcpFaultProxy second = Loopback.proxyFor(nodes.node(1))) {
            List<TcpFaultProxy> proxies = List.of(first, second);
            List<String> servers = List.of(Loopback.url(first), Loopback.url(second));
            String id;
            try (ImageClient setup = ImageClient.builder().apiServers(servers).build()) {
                id = setup.create(NewImage.builder().name("killed").build()).id();
                setup.upload(id, UploadData.ofFile(file), Optional.empty());
            }
            long[] sentBefore = {first.bytesToClients(), second.bytesToClients()};
            int[] killed = {-1};
            ProgressListener killServingNode = verified -> {
                if (verified >= KILL_AT && killed[0] < 0) {
                    killed[0] = first.bytesToClients() - sentBefore[0] > KILL_AT / 2 ? 0 : 1;
                    try {
                        nodes.node(killed[0]).kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            };
            Path target = dir.resolve("downloaded.raw");
            ImageDownload download;
            try (ImageClient client = ImageClient.builder().apiServers(servers).retries(3)
                    .retryPauses(Duration.ofMillis(10), Duration.ofMillis(100)).build()) {
                download = client.download(id, target, killServingNode);
            }

            int survivor = 1 - killed[0];
            assertThat(killed[0]).as("a node was killed mid-download").isNotNegative();
            assertThat(nodes.node(killed[0]).isAlive()).isFalse();
            try (java.io.InputStream downloaded = Files.newInputStream(target)) {
                assertThat(data.mismatch(downloaded)).isEmpty();
            }
            assertThat(download.source()).isEqualTo(ImageDownload.API);
            List<ApiRead> reads = download.apiReads().stream().filter(read -> read.length() > 0).toList();
            assertThat(reads).hasSize(2);
            long broke = reads.get(0).length();
            assertThat(reads.get(0)).isEqualTo(new ApiRead(java.net.URI.create(servers.get(killed[0])), 0, broke));
            assertThat(reads.get(1)).isEqualTo(new ApiRead(java.net.URI.create(servers.get(survivor)), broke, SIZE - broke));
            assertThat(broke).isBetween(KILL_AT, SIZE - 1L);
            long survivorSent = proxies.get(survivor).bytesToClients() - sentBefore[survivor];
            assertThat(survivorSent).as("the survivor sent the rest (and small documents), not the whole image")
                    .isBetween(SIZE - broke, SIZE - broke + 64 * 1024);
        }
    }
}
