package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.download.DownloadHandler;
import io.stowage.tck.OpenFiles;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code file} handler as the TCK sees it: a shared filesystem with id {@value #FILESYSTEM}
 * that the storing host mounted at {@value #REMOTE_MOUNTPOINT} and this host at a temp dir.
 * Beside the mountpoint lies a secret file, and inside it symlinks that lead to the secret:
 * locations reaching it must be refused.
 */
final class FileDownloadHandlerTckEnvironment implements DownloadHandlerTckEnvironment {
    static final String FILESYSTEM = "shared-nfs";
    static final String REMOTE_MOUNTPOINT = "/var/lib/glance/images";

    private final Path root;
    private final Path mountpoint;
    private final Path outside;

    FileDownloadHandlerTckEnvironment() throws IOException {
        root = Files.createTempDirectory("stowage-file-handler-tck");
        mountpoint = Files.createDirectories(root.resolve("mnt/images"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "not for download");
        Files.createSymbolicLink(mountpoint.resolve("escape"), outside.resolve("secret"));
        Files.createSymbolicLink(mountpoint.resolve("escape-dir"), outside);
        Files.createSymbolicLink(mountpoint.resolve("escape-relative"), Path.of("../../outside/secret"));
    }

    Path mountpoint() {
        return mountpoint;
    }

    static Map<String, String> metadata() {
        return Map.of("id", FILESYSTEM, "mountpoint", REMOTE_MOUNTPOINT);
    }

    @Override
    public DownloadHandler createHandler() throws Exception {
        return new FileDownloadHandlerProvider().create(
                FileDownloadHandlerConfig.of(new FilesystemMount("other", "/nonexistent/other"),
                        new FilesystemMount(FILESYSTEM, mountpoint.toString())));
    }

    @Override
    public Set<String> schemes() {
        return new FileDownloadHandlerProvider().schemes();
    }

    @Override
    public Location put(ObjectId id, InputStream data, long size) throws Exception {
        Path file = mountpoint.resolve(id.value());
        Files.copy(data, file);
        assertThat(Files.size(file)).isEqualTo(size);
        return Location.of(URI.create("file://" + REMOTE_MOUNTPOINT + "/" + id), metadata());
    }

    @Override
    public void remove(Location location) throws Exception {
        String path = location.uri().getPath();
        Path file = mountpoint.resolve(path.substring(path.lastIndexOf('/') + 1));
        if (!Files.deleteIfExists(file)) {
            throw new io.stowage.ObjectNotFoundException("Object not found: " + location);
        }
    }

    @Override
    public List<Location> refused(Location existing) {
        String url = existing.url();
        String id = url.substring(url.lastIndexOf('/') + 1);
        String base = "file://" + REMOTE_MOUNTPOINT;
        List<Location> refused = new ArrayList<>();
        refused.add(existing.withMetadata("id", "unknown-filesystem"));
        refused.add(Location.of(existing.uri(), Map.of()));
        refused.add(Location.of(existing.uri(), Map.of("id", FILESYSTEM)));
        refused.add(Location.of(existing.uri(), Map.of("mountpoint", REMOTE_MOUNTPOINT)));
        refused.add(Location.of(existing.uri(), Map.of("id", FILESYSTEM, "mountpoint", "var/lib/glance/images")));
        refused.add(Location.of(existing.uri(), Map.of("id", FILESYSTEM, "mountpoint", REMOTE_MOUNTPOINT + "/../..")));
        refused.add(Location.of(existing.uri(), Map.of("id", FILESYSTEM, "mountpoint", "/srv/other")));
        for (String text : List.of(
                "file:///etc/hostname",
                "file:///var/lib/glance/imagesX/" + id,
                "file://other-host" + REMOTE_MOUNTPOINT + "/" + id,
                base + "/../../../../etc/hostname",
                base + "/../images/" + id,
                base + "/%2e%2e/%2E%2E/outside/secret",
                base + "/..%2F..%2Foutside%2Fsecret",
                base + "/" + id + "?x=1",
                base + "/" + id + "#x",
                base,
                base + "/",
                base + "/escape",
                base + "/escape-dir/secret",
                base + "/escape-relative")) {
            try {
                refused.add(Location.parse(text, metadata()));
            } catch (InvalidLocationException e) {
                throw new IllegalStateException("unparsable test location " + text, e);
            }
        }
        return refused;
    }

    @Override
    public void assertNothingLeaked() throws Exception {
        assertThat(TestFiles.names(mountpoint)).as("files left in the mountpoint")
                .containsExactly("escape", "escape-dir", "escape-relative");
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("not for download");
        assertThat(OpenFiles.under(root)).as("files under %s still open", root).isEmpty();
    }

    @Override
    public void close() throws Exception {
        TestFiles.deleteRecursively(root);
    }
}
