package io.stowage.file;

import io.stowage.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the data dirs of a file store config: creates them, resolves them, finds out how object
 * files are named on their filesystems ({@link CaseFoldingProbe}) and checks them against each other.
 */
final class DataDirs {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirs.class);

    private DataDirs() {}

    /** The dirs in config order. Every problem is a {@link InvalidConfigurationException} naming the store and the key. */
    static List<DataDir> open(String storeName, FileStoreConfig config, FileSystem fileSystem) throws InvalidConfigurationException {
        List<DataDirSpec> specs = config.dataDirs();
        List<DataDir> dirs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String key = "dirs[" + i + "]";
            DataDirSpec spec = specs.get(i);
            Path path = toPath(storeName, key, spec.path(), fileSystem).toAbsolutePath().normalize();
            try {
                Files.createDirectories(path);
            } catch (FileAlreadyExistsException e) {
                throw invalid(storeName, key, path + " exists and is not a directory");
            } catch (IOException | UnsupportedOperationException e) {
                throw invalid(storeName, key, "the data dir " + path + " cannot be created: " + e);
            }
            try {
                Path realPath = path.toRealPath();
                if (!Files.isDirectory(realPath)) {
                    throw invalid(storeName, key, path + " is not a directory");
                }
                java.nio.file.FileStore fileStore = Files.getFileStore(realPath);
                if (config.permissions().isPresent() && !fileStore.supportsFileAttributeView(PosixFileAttributeView.class)) {
                    throw invalid(storeName, "filePermissions", "the data dir " + path
                            + " is on a filesystem without POSIX permissions");
                }
                dirs.add(new DataDir(path, realPath, spec.priority(), fileStore, naming(storeName, key, realPath),
                        metadataFor(storeName, path, config.filesystems(), fileSystem)));
            } catch (InvalidConfigurationException e) {
                throw e;
            } catch (IOException e) {
                throw invalid(storeName, key, "the data dir " + path + " cannot be opened: " + e);
            }
        }
        for (int i = 0; i < dirs.size(); i++) {
            for (int j = 0; j < dirs.size(); j++) {
                Path one = dirs.get(i).realPath();
                Path other = dirs.get(j).realPath();
                if (i < j && one.equals(other)) {
                    throw invalid(storeName, "dirs[" + j + "]", "it is the same directory as dirs[" + i + "] (" + one + ")");
                }
                if (i != j && !one.equals(other) && one.startsWith(other)) {
                    throw invalid(storeName, "dirs[" + i + "]", "the data dir " + one + " is inside dirs[" + j + "] (" + other
                            + "); data dirs must not nest");
                }
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * {@link ObjectFileNaming#ESCAPED} where the filesystem folds case or is Windows-style (its
     * device names are reserved whatever the case rules), else {@link ObjectFileNaming#ID}.
     */
    private static ObjectFileNaming naming(String storeName, String key, Path dir) throws InvalidConfigurationException {
        boolean windows = dir.getFileSystem().getSeparator().equals("\\");
        boolean foldsCase;
        try {
            foldsCase = CaseFoldingProbe.foldsCase(dir);
        } catch (IOException e) {
            throw invalid(storeName, key, "cannot tell whether the data dir " + dir + " tells names apart by case: " + e);
        }
        if (!foldsCase && !windows) {
            return ObjectFileNaming.ID;
        }
        LOG.info("Store '{}': the data dir {} is on a {} filesystem; object files there are named with upper-case letters,"
                + " '_', Windows device names and a final '.' escaped", storeName, dir, foldsCase ? "case-folding" : "Windows-style");
        return ObjectFileNaming.ESCAPED;
    }

    /** {@code id} and {@code mountpoint} of the deepest configured filesystem the dir is under, if any. */
    private static Map<String, String> metadataFor(String storeName, Path dir, List<FilesystemMount> filesystems,
            FileSystem fileSystem) throws InvalidConfigurationException {
        FilesystemMount best = null;
        int bestDepth = -1;
        for (int k = 0; k < filesystems.size(); k++) {
            FilesystemMount filesystem = filesystems.get(k);
            Path mountpoint = toPath(storeName, "filesystems[" + k + "].mountpoint", filesystem.mountpoint(), fileSystem);
            if (!mountpoint.isAbsolute()) {
                throw invalid(storeName, "filesystems[" + k + "].mountpoint", "must be an absolute path");
            }
            mountpoint = mountpoint.normalize();
            if (dir.startsWith(mountpoint) && mountpoint.getNameCount() > bestDepth) {
                best = filesystem;
                bestDepth = mountpoint.getNameCount();
            }
        }
        return best == null ? Map.of() : Map.of("id", best.id(), "mountpoint", best.mountpoint());
    }

    private static Path toPath(String storeName, String key, String text, FileSystem fileSystem) throws InvalidConfigurationException {
        try {
            return fileSystem.getPath(text);
        } catch (InvalidPathException e) {
            throw invalid(storeName, key, "not a valid path: " + e.getReason());
        }
    }

    private static InvalidConfigurationException invalid(String storeName, String key, String problem) {
        return new InvalidConfigurationException("Invalid configuration of store '" + storeName + "', key '" + key + "': " + problem);
    }
}
