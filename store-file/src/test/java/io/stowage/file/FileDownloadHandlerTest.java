package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.download.DownloadHandler;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file handler end to end: a store on the "image host" writes into a shared filesystem
 * and records it in the location metadata; the "compute host" sees the same filesystem at
 * another mountpoint (here a separate copy with different bytes, so that the test can tell
 * which path was read).
 */
class FileDownloadHandlerTest {
    @TempDir
    Path root;

    private Path imageHostMount;
    private Path computeHostMount;
    private Path targets;

    @BeforeEach
    void createMounts() throws Exception {
        imageHostMount = Files.createDirectories(root.resolve("image-host/shared"));
        computeHostMount = Files.createDirectories(root.resolve("compute-host/mnt/shared"));
        targets = Files.createDirectories(root.resolve("targets"));
    }

    /** The image host's config: its store writes into the shared filesystem; the handler reads the compute host's mount. */
    private StowageConfig config(String allowed) throws StoreException {
        String yaml = """
                stores:
                  images:
                    type: file
                    dirs: ["%s"]
                    filesystems: [ { id: shared-nfs, mountpoint: "%s" } ]
                direct-download:
                  allowed-schemes: [%s]
                  handlers:
                    file: { filesystems: [ { id: other, mountpoint: /nonexistent }, { id: shared-nfs, mountpoint: "%s" } ] }
                """.formatted(imageHostMount.resolve("images"), imageHostMount, allowed, computeHostMount);
        return StowageConfig.parse(yaml, name -> null);
    }

    private StoredObject addOnTheImageHost(String id, String content) throws Exception {
        try (StoreRegistry stores = StoreRegistry.build(config(""))) {
            return stores.add(ObjectId.of(id), new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                    AddOptions.defaults());
        }
    }

    private void putOnTheComputeHost(String relative, String content) throws Exception {
        Path file = computeHostMount.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Downloads as the CLI does: direct when allowed, else through the registry. */
    private DownloadResult download(String allowed, List<Location> candidates, Path target) throws Exception {
        StowageConfig config = config(allowed);
        try (StoreRegistry stores = StoreRegistry.build(config); DirectDownloader downloader = DirectDownloader.fromConfig(config.directDownload())) {
            return downloader.download(candidates, target, DownloadOptions.none(), () -> stores.get(candidates.get(0)));
        }
    }

    @Test
    void servesFromTheMappedMountpoint() throws Exception {
        StoredObject stored = addOnTheImageHost("img-1", "bytes as the image host wrote them");
        putOnTheComputeHost("images/img-1", "bytes as the compute host sees them");
        Path target = targets.resolve("img-1");

        assertThat(stored.location().metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("id", "shared-nfs", "mountpoint", imageHostMount.toString(), "store", "images"));
        DownloadResult result = download("file", List.of(stored.location()), target);

        assertThat(result.source()).contains(stored.location());
        assertThat(Files.readString(target)).isEqualTo("bytes as the compute host sees them");
        assertThat(TestFiles.names(targets)).containsExactly("img-1");
    }

    @Test
    void skipsTheHandlerWhenFileIsNotAllowed() throws Exception {
        StoredObject stored = addOnTheImageHost("img-2", "image host");
        putOnTheComputeHost("images/img-2", "compute host");
        Path target = targets.resolve("img-2");

        DownloadResult result = download("", List.of(stored.location()), target);

        assertThat(result.servedByFallback()).isTrue();
        assertThat(Files.readString(target)).isEqualTo("image host");
    }

    @Test
    void fallsBackWhenEveryCandidateFailsAndNeverLeavesAPartialTarget() throws Exception {
        StoredObject missing = addOnTheImageHost("img-3", "not on the compute host");
        putOnTheComputeHost("images/elsewhere", "present, but its location names no known filesystem");
        putOnTheComputeHost("images/bare", "present, but its location has no metadata");
        Location unknownFilesystem = Location.of(URI.create(missing.location().url().replace("img-3", "elsewhere")),
                Map.of("id", "unknown", "mountpoint", imageHostMount.toString()));
        Location noMetadata = Location.of(URI.create(missing.location().url().replace("img-3", "bare")));
        Path target = targets.resolve("img-3");

        try (DirectDownloader downloader = DirectDownloader.fromConfig(config("file").directDownload())) {
            assertThatThrownBy(() -> downloader.download(List.of(missing.location(), unknownFilesystem, noMetadata), target,
                    DownloadOptions.none()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("3 candidate(s) failed");
            assertThat(TestFiles.names(targets)).as("no target and no temp file").isEmpty();
        }

        DownloadResult result = download("file", List.of(missing.location(), unknownFilesystem, noMetadata), target);

        assertThat(result.servedByFallback()).isTrue();
        assertThat(Files.readString(target)).isEqualTo("not on the compute host");
        assertThat(TestFiles.names(targets)).containsExactly("img-3");
    }

    @Test
    void mapsNestedPathsBelowTheRemoteMountpoint() throws Exception {
        putOnTheComputeHost("images/2026/11/img-4", "nested");
        DownloadHandler handler = new FileDownloadHandlerProvider().create(
                FileDownloadHandlerConfig.of(new FilesystemMount("shared-nfs", computeHostMount.toString())));
        Location location = Location.of(URI.create("file:///glance/shared/images/2026/11/img-4"),
                Map.of("id", "shared-nfs", "mountpoint", "/glance/shared/"));
        Path target = Files.createFile(targets.resolve("t"));

        handler.download(location, target);

        assertThat(Files.readString(target)).isEqualTo("nested");
        assertThat(((FileDownloadHandler) handler).localFile(location))
                .isEqualTo(computeHostMount.resolve("images/2026/11/img-4").toRealPath());
    }

    @Test
    void aMissingLocalMountIsNotFoundAndAnEscapeIsRefused() throws Exception {
        DownloadHandler handler = new FileDownloadHandlerProvider().create(
                FileDownloadHandlerConfig.of(new FilesystemMount("gone", root.resolve("not-mounted").toString()),
                        new FilesystemMount("shared-nfs", computeHostMount.toString())));
        Path target = Files.createFile(targets.resolve("t"));
        Path secret = Files.writeString(root.resolve("secret"), "secret");
        Files.createSymbolicLink(computeHostMount.resolve("link"), secret);

        assertThatThrownBy(() -> handler.download(Location.of(URI.create("file:///r/x"), Map.of("id", "gone", "mountpoint", "/r")),
                target)).isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> handler.download(Location.of(URI.create("file:///r/link"),
                Map.of("id", "shared-nfs", "mountpoint", "/r")), target))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("through a symbolic link");
        assertThat(Files.size(target)).isZero();
    }

    @Test
    void theConfigMustNameFilesystemsWithAbsoluteMountpoints() {
        String noFilesystems = """
                stores: { local: { type: file, dirs: [ "/tmp/unused" ] } }
                direct-download:
                  allowed-schemes: [file]
                """;
        assertThatThrownBy(() -> DirectDownloader.fromConfig(StowageConfig.parse(noFilesystems, name -> null).directDownload()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("download handler 'file'")
                .hasMessageContaining("filesystems");
        assertThatThrownBy(() -> new FileDownloadHandlerProvider().create(
                FileDownloadHandlerConfig.of(new FilesystemMount("x", "relative/mount"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of download handler 'file', key 'filesystems[0].mountpoint': must be an"
                        + " absolute path");
        String unknownKey = """
                stores: { local: { type: file, dirs: [ "/tmp/unused" ] } }
                direct-download:
                  allowed-schemes: [file]
                  handlers:
                    file: { filesystems: [ { id: a, mountpoint: /m } ], implicit: true }
                """;
        assertThatThrownBy(() -> DirectDownloader.fromConfig(StowageConfig.parse(unknownKey, name -> null).directDownload()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown key 'implicit'");
    }
}
