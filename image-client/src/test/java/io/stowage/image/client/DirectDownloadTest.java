package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.IntegrityException;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Direct download with API fallback against two real image-service nodes storing to a file store
 * on a "shared filesystem" and to S3 (S3Proxy in this JVM). The client sees the shared filesystem
 * at a mountpoint of its own, named by the {@code file} handler's rules; its {@code s3} handler
 * reads the service's S3, or a mirror that lacks the object. Every download is checked byte for
 * byte and says where it came from.
 */
class DirectDownloadTest {
    private static final byte[] FILE_DATA = Payload.of(3 * 1024 * 1024 + 1, 21).bytes();
    private static final byte[] S3_DATA = Payload.of(2 * 1024 * 1024 + 7, 22).bytes();

    @TempDir
    static Path dir;

    private static EmbeddedS3 s3;
    private static EmbeddedS3 mirror;
    private static ServiceNodes nodes;
    private static Image fileImage;
    private static Image s3Image;

    @TempDir
    Path client;

    @BeforeAll
    static void startService() throws Exception {
        s3 = new EmbeddedS3();
        mirror = new EmbeddedS3();
        nodes = ServiceNodes.start(dir.resolve("service"), 2,
                "  s3: { type: s3, bucket: images, prefix: glance, createBucket: true, " + s3.settings() + " }");
        try (ImageClient setup = ImageClient.builder().apiServers(nodes.urls()).build()) {
            fileImage = upload(setup, FILE_DATA, "local");
            s3Image = upload(setup, S3_DATA, "s3");
        }
    }

    private static Image upload(ImageClient client, byte[] data, String store) throws Exception {
        Image image = client.create(NewImage.builder().name("direct-" + store).build());
        return client.upload(image.id(), UploadData.ofStream(new ByteArrayInputStream(data), OptionalLong.of(data.length)),
                Optional.of(store));
    }

    @AfterAll
    static void stopService() throws Exception {
        nodes.close();
        s3.close();
        mirror.close();
    }

    private Path mount;
    private Path targets;

    @BeforeEach
    void createClientDirs() throws Exception {
        mount = client.resolve("mnt/shared");
        Files.createDirectories(mount.getParent());
        targets = Files.createDirectories(client.resolve("targets"));
    }

    /** The client's direct-download section: allowed schemes, the file handler's mount, the s3 handler's server. */
    private static DirectDownloader downloader(String allowed, Path fileMount, EmbeddedS3 s3Server) throws Exception {
        StowageConfig config = StowageConfig.parse("""
                stores: { unused: { type: file, dirs: ["%s"] } }
                direct-download:
                  allowed-schemes: [%s]
                  handlers:
                    file: { filesystems: [ { id: %s, mountpoint: "%s" } ] }
                    s3: { buckets: [images], %s, chunkSize: 524288 }
                """.formatted(dir.resolve("unused"), allowed, ServiceNodes.FILESYSTEM, fileMount, s3Server.settings()),
                name -> null);
        return DirectDownloader.fromConfig(config.directDownload());
    }

    private ImageDownload download(Image image, DirectDownloader downloader, Path target) throws Exception {
        try (downloader; ImageClient imageClient = ImageClient.builder().apiServers(nodes.urls()).directDownloader(downloader)
                .build()) {
            return imageClient.download(image.id(), target);
        }
    }

    @Test
    void aFileLocationIsReadThroughTheMappedMountpoint() throws Exception {
        Files.createSymbolicLink(mount, nodes.serviceMount());
        Path target = targets.resolve("image");

        ImageDownload result = download(fileImage, downloader("file, s3", mount, s3), target);

        assertThat(result.source()).isEqualTo(fileImage.locations().get(0).url()).startsWith("file:///");
        assertThat(result.apiReads()).isEmpty();
        assertThat(target).hasBinaryContent(FILE_DATA);
        assertThat(names(targets)).containsExactly("image");
    }

    @Test
    void anS3LocationIsReadFromS3() throws Exception {
        Path target = targets.resolve("image");

        ImageDownload result = download(s3Image, downloader("file, s3", mount, s3), target);

        // the object is named by the image id and the upload attempt
        assertThat(result.source()).isEqualTo(s3Image.locations().get(0).url())
                .startsWith("s3://images/glance/" + s3Image.id() + ".");
        assertThat(target).hasBinaryContent(S3_DATA);
    }

    @Test
    void aSchemeThatIsNotAllowedGoesThroughTheApi() throws Exception {
        Files.createSymbolicLink(mount, nodes.serviceMount());
        Path target = targets.resolve("image");

        ImageDownload result = download(fileImage, downloader("s3", mount, s3), target);

        assertThat(result.source()).isEqualTo(ImageDownload.API);
        assertThat(result.apiReads()).extracting(ApiRead::length).containsExactly((long) FILE_DATA.length);
        assertThat(target).hasBinaryContent(FILE_DATA);
    }

    @Test
    void aMissingMountpointFallsBackToTheApi() throws Exception {
        Path target = targets.resolve("image");

        ImageDownload result = download(fileImage, downloader("file", mount, s3), target);

        assertThat(Files.exists(mount)).isFalse();
        assertThat(result.source()).isEqualTo(ImageDownload.API);
        assertThat(target).hasBinaryContent(FILE_DATA);
    }

    @Test
    void anS3ObjectThatIsGoneFallsBackToTheApi() throws Exception {
        Path target = targets.resolve("image");

        ImageDownload result = download(s3Image, downloader("s3", mount, mirror), target);

        assertThat(result.source()).isEqualTo(ImageDownload.API);
        assertThat(target).hasBinaryContent(S3_DATA);
    }

    @Test
    void aCorruptCopyFallsBackToTheApi() throws Exception {
        byte[] corrupt = FILE_DATA.clone();
        corrupt[corrupt.length / 2] ^= 0x20;
        Path copy = mount.resolve(nodes.serviceMount().relativize(storedFile(fileImage)));
        Files.createDirectories(copy.getParent());
        Files.write(copy, corrupt);
        Path target = targets.resolve("image");

        ImageDownload result = download(fileImage, downloader("file", mount, s3), target);

        assertThat(result.source()).isEqualTo(ImageDownload.API);
        assertThat(target).hasBinaryContent(FILE_DATA);
        assertThat(names(targets)).containsExactly("image");
    }

    @Test
    void whenTheImagesHashIsWrongEverywhereNoTargetAppears() throws Exception {
        byte[] data = Payload.of(1024 * 1024, 23).bytes();
        Image image;
        try (ImageClient setup = ImageClient.builder().apiServers(nodes.urls()).build()) {
            image = upload(setup, data, "local");
        }
        Path stored = storedFile(image);
        byte[] rotten = data.clone();
        rotten[7] ^= 1;
        Files.write(stored, rotten);
        Files.createSymbolicLink(mount, nodes.serviceMount());
        Path target = targets.resolve("image");

        assertThatThrownBy(() -> download(image, downloader("file", mount, s3), target))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("Checksum mismatch for the fallback read: expected sha512:" + image.hashValue().get())
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                        .isInstanceOf(IntegrityException.class)
                        .extracting(Throwable::getMessage).asString()
                        .startsWith("Checksum mismatch for " + image.locations().get(0).url()));
        assertThat(names(targets)).isEmpty();
    }

    /** The file the service's file store keeps the image's data in: its location. */
    private static Path storedFile(Image image) {
        return Path.of(java.net.URI.create(image.locations().get(0).url()));
    }

    private static java.util.List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
