package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectNotFoundException;
import io.stowage.SizeLimitExceededException;
import io.stowage.tck.net.TcpFaultProxy;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of the client against two real image-service nodes on one registry: what one node
 * wrote the other serves, whichever the client's shuffled order asks.
 */
class ImageClientRoundTripTest {
    @TempDir
    static Path dir;

    private static ServiceNodes nodes;
    private static ImageClient client;

    @BeforeAll
    static void startNodes() throws Exception {
        nodes = ServiceNodes.start(dir.resolve("service"), 2);
        client = ImageClient.builder().apiServers(nodes.urls()).build();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        client.close();
        nodes.close();
    }

    @Test
    void createUploadShowUpdateDownloadDelete() throws Exception {
        byte[] data = Payload.of(3 * 1024 * 1024 + 17, 1).bytes();
        Path file = Files.write(dir.resolve("image.raw"), data);

        Image created = client.create(NewImage.builder().name("cirros").diskFormat("raw").containerFormat("bare")
                .attribute("os_distro", "cirros").tag("blue").build());
        Image uploaded = client.upload(created.id(), UploadData.ofFile(file), Optional.empty());
        Image updated = client.update(created.id(), List.of(ImagePatch.replace("name", "renamed"),
                ImagePatch.add("architecture", "x86_64"), ImagePatch.remove("os_distro")));
        Path target = dir.resolve("downloaded.raw");
        ImageDownload download = client.download(created.id(), target);

        assertThat(created.status()).isEqualTo("queued");
        assertThat(created.attributes()).containsEntry("disk_format", "raw").containsEntry("tags", List.of("blue"));
        assertThat(uploaded.status()).isEqualTo("active");
        assertThat(uploaded.size()).hasValue(data.length);
        assertThat(uploaded.checksum()).contains(hex("MD5", data));
        assertThat(uploaded.hashAlgorithm()).contains("sha512");
        assertThat(uploaded.hashValue()).contains(hex("SHA-512", data));
        assertThat(uploaded.locations()).singleElement().satisfies(location -> {
            assertThat(location.url()).startsWith(nodes.fileStoreDir().toUri().toString()).contains(created.id());
            assertThat(location.metadata()).containsEntry("id", ServiceNodes.FILESYSTEM).containsEntry("store", "local");
        });
        assertThat(updated.name()).contains("renamed");
        assertThat(updated.attributes()).containsEntry("architecture", "x86_64").doesNotContainKey("os_distro");
        assertThat(download.source()).isEqualTo(ImageDownload.API);
        assertThat(download.size()).isEqualTo(data.length);
        assertThat(download.checksums().values()).containsEntry(io.stowage.ChecksumAlgorithm.SHA512, hex("SHA-512", data));
        assertThat(target).hasBinaryContent(data);

        client.delete(created.id());

        assertThatThrownBy(() -> client.show(created.id()))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("Cannot show image " + created.id() + ": http://127.0.0.1:")
                .hasMessageEndingWith("answered 404 Not Found: No image found with ID " + created.id());
    }

    @Test
    void anUploadFromAStreamOfUnknownSizeAndASecondUploadThatConflicts() throws Exception {
        byte[] data = Payload.of(70_000, 2).bytes();
        Image created = client.create(NewImage.builder().name("streamed").diskFormat("raw").containerFormat("bare").build());

        Image uploaded = client.upload(created.id(), UploadData.ofStream(new ByteArrayInputStream(data), OptionalLong.empty()),
                Optional.of("local"));

        assertThat(uploaded.size()).hasValue(data.length);
        assertThatThrownBy(() -> client.upload(created.id(), UploadData.ofStream(new ByteArrayInputStream(data),
                OptionalLong.of(data.length)), Optional.empty()))
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining("answered 409 Conflict");
    }

    @Test
    void listsEveryImagePageByPage() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(client.create(NewImage.builder().name("page-" + i).build()).id());
        }

        List<String> listed = new ArrayList<>();
        Iterator<Image> images = client.list(2);
        images.forEachRemaining(image -> listed.add(image.id()));

        assertThat(listed).containsAll(ids).doesNotHaveDuplicates();
        assertThat(((ImageListing) images).pagesRead()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anUploadOverTheSizeCapIsRefusedBeforeItsBodyIsSentOnEveryTry() throws Exception {
        // 8 MiB over a 1 MiB cap: the upload waits for 100 Continue, which the service never sends,
        // answering 413 on the declared length instead; the connection ends after the answer
        ServiceNode capped = nodes.startNode("capped", config -> config.replace("images:\n", "images:\n  size-cap: 1MiB\n"));
        Path file = Files.write(dir.resolve("too-large.raw"), Payload.of(9 * 1024 * 1024, 4).bytes());
        try (capped; TcpFaultProxy proxy = Loopback.proxyFor(capped);
                ImageClient uploader = ImageClient.builder().apiServers(List.of(Loopback.url(proxy))).build();
                ImageClient direct = ImageClient.builder().apiServers(List.of(capped.url())).build()) {
            Image created = direct.create(NewImage.builder().name("too-large").build());
            for (int attempt = 1; attempt <= 5; attempt++) {
                long connections = proxy.connectionsAccepted();
                long sent = proxy.bytesToTarget();

                assertThatThrownBy(() -> uploader.upload(created.id(), UploadData.ofFile(file), Optional.empty()))
                        .as("attempt %d", attempt)
                        .isInstanceOf(SizeLimitExceededException.class)
                        .hasMessage("Cannot upload the data of image " + created.id() + ": " + Loopback.url(proxy)
                                + " answered 413 Request Entity Too Large: The declared size of 9437184 bytes exceeds the"
                                + " size cap of 1048576 bytes");
                assertThat(proxy.connectionsAccepted() - connections).as("connections of attempt %d: one request, not"
                        + " retried", attempt).isEqualTo(1);
                assertThat(proxy.bytesToTarget() - sent).as("bytes sent in attempt %d: the request's head, no body",
                        attempt).isPositive().isLessThan(2048);
                assertThat(direct.show(created.id()).status()).as("after attempt %d", attempt).isEqualTo("queued");
            }
            try (Stream<Path> stored = Files.list(nodes.fileStoreDir())) {
                assertThat(stored.map(path -> path.getFileName().toString()))
                        .as("data of the refused image in the store").noneMatch(name -> name.startsWith(created.id()));
            }
        }
    }

    @Test
    void aDeactivatedImageIsNotDownloadedNotEvenStraightFromItsLocation() throws Exception {
        Image created = client.create(NewImage.builder().name("deactivated").build());
        client.upload(created.id(), UploadData.ofStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), OptionalLong.of(3)),
                Optional.empty());
        java.net.http.HttpResponse<String> deactivated = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodes.urls().get(0) + "/v2/images/" + created.id()
                        + "/actions/deactivate")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Path target = dir.resolve("deactivated.raw");

        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(204);
        assertThatThrownBy(() -> client.download(created.id(), target))
                .isInstanceOf(io.stowage.PermissionDeniedException.class)
                .hasMessage("Image " + created.id() + " is deactivated: only active images are downloaded");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void listsTheStores() throws Exception {
        assertThat(client.stores()).containsExactly(new ImageStore("local", true, false, "file store"));
    }

    @Test
    void aCreateWithAnIdThatExistsConflicts() throws Exception {
        Image created = client.create(NewImage.builder().name("first").build());

        assertThatThrownBy(() -> client.create(NewImage.builder().id(created.id()).name("second").build()))
                .isInstanceOf(ObjectAlreadyExistsException.class);
        assertThat(client.show(created.id()).name()).contains("first");
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
