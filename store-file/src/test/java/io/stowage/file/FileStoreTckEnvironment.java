package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.Store;
import io.stowage.tck.OpenFiles;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file store as the TCK sees it: data dirs under a fresh temp dir of the real
 * filesystem, or on an in-memory Jimfs filesystem. {@link #assertEmpty} looks into the dirs
 * (no object, no temp file); {@link #openResources} counts the files open under the dirs: on
 * the real filesystem this process's open file descriptors ({@link OpenFiles}), on Jimfs its
 * open channels and streams ({@link JimfsOpenFiles}), which Jimfs keeps on the heap
 * ({@link #backendHeapBytes}).
 */
final class FileStoreTckEnvironment implements StoreTckEnvironment {
    private final FileSystem fileSystem;
    private final Path root;
    private final List<Path> dirs;
    private final FileStoreConfig config;
    private final List<Long> extraBoundaries;

    private FileStoreTckEnvironment(FileSystem fileSystem, Path root, List<String> dirSpecs, int bufferSize) {
        this.fileSystem = fileSystem;
        this.root = root;
        List<Path> paths = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (String spec : dirSpecs) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            paths.add(root.resolve(name));
            specs.add(root.resolve(name) + (colon < 0 ? "" : spec.substring(colon)));
        }
        this.dirs = List.copyOf(paths);
        this.config = FileStoreConfig.ofDirs(specs).withBufferSize(bufferSize);
        List<Long> boundaries = new ArrayList<>();
        for (int buffers = 1; buffers <= FileStoreConfig.BUFFERS_PER_ADD + 1; buffers++) {
            long edge = (long) buffers * bufferSize;
            boundaries.addAll(List.of(edge - 1, edge, edge + 1));
        }
        this.extraBoundaries = List.copyOf(boundaries);
    }

    /** Data dirs (names, optionally {@code name:priority}) in a new temp dir of the real filesystem. */
    static FileStoreTckEnvironment onDisk(int bufferSize, String... dirs) throws IOException {
        return new FileStoreTckEnvironment(FileSystems.getDefault(), Files.createTempDirectory("stowage-file-tck"),
                List.of(dirs), bufferSize);
    }

    /**
     * Data dirs on a new Jimfs filesystem of the given configuration, under {@code stowage} in its
     * first root ({@code /}, {@code C:\\}). The filesystem keeps no freed block cached, so that the
     * blocks it holds are exactly the files' data.
     */
    static FileStoreTckEnvironment inMemory(Configuration configuration, int bufferSize, String... dirs) throws IOException {
        FileSystem fileSystem = Jimfs.newFileSystem(configuration.toBuilder().setMaxCacheSize(0).build());
        Path firstRoot = fileSystem.getRootDirectories().iterator().next();
        return new FileStoreTckEnvironment(fileSystem, Files.createDirectories(firstRoot.resolve("stowage")),
                List.of(dirs), bufferSize);
    }

    FileStoreConfig config() {
        return config;
    }

    List<Path> dirs() {
        return dirs;
    }

    @Override
    public Store createStore() throws Exception {
        return new FileStoreProvider().create("tck", config, fileSystem);
    }

    @Override
    public StoreProfile profile() {
        return StoreProfile.READ_WRITE;
    }

    @Override
    public void assertEmpty(Store store) throws Exception {
        for (Path dir : dirs) {
            try (Stream<Path> entries = Files.list(dir)) {
                assertThat(entries.map(path -> path.getFileName().toString()).filter(name -> !name.equals(StoreLock.FILE_NAME)))
                        .as("objects and temp files left in %s", dir)
                        .isEmpty();
            }
        }
    }

    @Override
    public long openResources(Store store) throws IOException {
        return isOnDisk() ? OpenFiles.under(root).size() : JimfsOpenFiles.count(fileSystem);
    }

    /** On Jimfs, the bytes of the blocks its files hold. */
    @Override
    public long backendHeapBytes(Store store) throws IOException {
        if (isOnDisk()) {
            return 0;
        }
        java.nio.file.FileStore disk = fileSystem.getFileStores().iterator().next();
        return disk.getTotalSpace() - disk.getUnallocatedSpace();
    }

    private boolean isOnDisk() {
        return fileSystem == FileSystems.getDefault();
    }

    @Override
    public List<Location> notOwned(Location owned) {
        String url = owned.url();
        int slash = url.lastIndexOf('/');
        String dir = url.substring(0, slash);
        String id = url.substring(slash + 1);
        String parent = dir.substring(0, dir.lastIndexOf('/'));
        List<String> texts = List.of(
                "file://stowage-tck-elsewhere.invalid" + url.substring("file://".length()),
                "file:///etc/hostname",
                dir + "/../" + id,
                dir + "/../../../../../../../../etc/hostname",
                dir + "/%2e%2e/" + id,
                dir + "/%2E%2E/%2e%2e/etc/hostname",
                dir + "%2F" + id,
                dir + "/..%2F" + id,
                dir + "/sub/" + id,
                parent + "/" + id,
                dir + "/" + id + "?version=1",
                dir + "/" + id + "#part",
                dir + "/" + id + "/",
                dir + "/." + id + "~0123456789abcdef.stowage-tmp",
                dir + "/" + StoreLock.FILE_NAME.replace("~", "%7E"),
                dir + "/" + id + "%00");
        List<Location> locations = new ArrayList<>();
        for (String text : texts) {
            try {
                locations.add(Location.parse(text, owned.metadata()));
            } catch (InvalidLocationException e) {
                throw new IllegalStateException("the TCK environment built an unparsable location " + text, e);
            }
        }
        return locations;
    }

    @Override
    public List<Long> boundarySizes() {
        List<Long> sizes = new ArrayList<>(StoreTckEnvironment.super.boundarySizes());
        sizes.addAll(extraBoundaries);
        return sizes.stream().distinct().sorted().toList();
    }

    @Override
    public long largeSize() {
        return Math.max(StoreTckEnvironment.super.largeSize(), extraBoundaries.get(extraBoundaries.size() - 1) + 4097);
    }

    @Override
    public void close() throws Exception {
        try {
            if (isOnDisk()) {
                TestFiles.deleteRecursively(root);
            }
        } finally {
            if (!isOnDisk()) {
                fileSystem.close();
            }
        }
    }
}
