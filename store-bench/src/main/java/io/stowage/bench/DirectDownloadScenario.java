package io.stowage.bench;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.core.StoreRegistry;
import io.stowage.StoredObject;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.core.download.DownloadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A direct download through the {@code file} handler (Nova's path: copy from the shared
 * filesystem, verify size and SHA-256 of the copy as it is made, fsync, rename into place)
 * against a plain copy of the same file with the same durable publish (in-kernel copy, fsync,
 * rename, dir fsync) but no verification. Target: at least 0.85× the plain copy, the
 * verification hidden behind the copy and the device.
 */
final class DirectDownloadScenario implements Scenario {
    private static final String FILESYSTEM = "bench-fs";

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.DIRECT;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path storeDir = context.workspace().dir("direct-store");
        Path targetDir = context.workspace().dir("direct-target");
        List<Map<String, String>> mounts = List.of(Map.of("id", FILESYSTEM, "mountpoint", storeDir.toString()));
        StowageConfig config = StowageConfig.fromTree(Map.of(
                "stores", Map.of(StowageConfigs.STORE, Map.of("type", "file", "dirs", List.of(storeDir.toString()),
                        "filesystems", mounts)),
                "direct-download", Map.of("allowed-schemes", List.of("file"),
                        "handlers", Map.of("file", Map.of("filesystems", mounts)))), System::getenv);
        try (StoreRegistry stores = StoreRegistry.build(config); DirectDownloader downloader = DirectDownloader.fromConfig(config.directDownload())) {
            StoredObject stored;
            try (InputStream in = Files.newInputStream(context.workspace().source())) {
                stored = stores.add(ObjectId.of("direct-source"), in, AddOptions.builder().expectedSize(size).build());
            }
            Location location = stored.location();
            Path file = Path.of(URI.create(location.url()));
            Path target = targetDir.resolve("target.bin");
            Contender direct = Contender.timedThen("direct download",
                    () -> downloader.download(List.of(location), target, DownloadOptions.none().withExpectedSize(size)),
                    result -> {
                        if (result.source().isEmpty()) {
                            throw new IllegalStateException("the direct download used no candidate");
                        }
                        Drain.check("direct download", result.size(), size);
                        return removeTarget("direct download", target, size);
                    });
            Contender copy = Contender.timedThen("copy+fsync+rename", () -> {
                Path temp = targetDir.resolve(".target.bin.part");
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                        FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long position = 0;
                    while (position < size) {
                        position += in.transferTo(position, size - position, out);
                    }
                    out.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                Workspace.syncDir(targetDir);
                return target;
            }, copied -> removeTarget("copy+fsync+rename", copied, size));
            Rounds rounds = context.rounds("direct download", List.of(direct, copy));
            stores.delete(location);
            return List.of(Comparison.row("direct download (file handler, " + Sizes.format(size) + ")", rounds,
                    "direct download", "copy+fsync+rename", "plain copy+fsync+rename", Unit.BYTES, Target.atLeast(0.85)));
        }
    }

    /** Checks that {@code target} holds {@code size} bytes, deletes it, and returns the size. */
    static long removeTarget(String contender, Path target, long size) throws IOException {
        long written = Files.size(target);
        Files.delete(target);
        return Drain.check(contender, written, size);
    }
}
