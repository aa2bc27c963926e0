package io.stowage.file;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code file} download handler: copies objects from shared filesystems mounted on this host (Nova's rules, confined). */
public final class FileDownloadHandlerProvider implements DownloadHandlerProvider {
    @Override
    public String type() {
        return "file";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(FileUris.SCHEME);
    }

    /** A handler reading the default filesystem, configured by {@link FileDownloadHandlerConfig#from}. */
    @Override
    public DownloadHandler create(Settings settings) throws InvalidConfigurationException {
        return create(FileDownloadHandlerConfig.from(settings));
    }

    /**
     * A handler reading the default filesystem.
     *
     * @param config the handler's config
     * @return the handler
     * @throws InvalidConfigurationException if a mountpoint is not an absolute path
     */
    public DownloadHandler create(FileDownloadHandlerConfig config) throws InvalidConfigurationException {
        return create(config, FileSystems.getDefault());
    }

    /**
     * A handler whose mountpoints are paths of {@code fileSystem}.
     *
     * @param config the handler's config
     * @param fileSystem the filesystem of the mountpoints
     * @return the handler
     * @throws InvalidConfigurationException if a mountpoint is not an absolute path of {@code fileSystem}
     */
    public DownloadHandler create(FileDownloadHandlerConfig config, FileSystem fileSystem) throws InvalidConfigurationException {
        List<FilesystemMount> filesystems = config.filesystems();
        Map<String, Path> mountpoints = new LinkedHashMap<>();
        for (int i = 0; i < filesystems.size(); i++) {
            FilesystemMount filesystem = filesystems.get(i);
            String key = "filesystems[" + i + "].mountpoint";
            Path mountpoint;
            try {
                mountpoint = fileSystem.getPath(filesystem.mountpoint());
            } catch (InvalidPathException e) {
                throw invalid(key, "not a valid path: " + e.getReason());
            }
            if (!mountpoint.isAbsolute()) {
                throw invalid(key, "must be an absolute path");
            }
            mountpoints.put(filesystem.id(), mountpoint.normalize());
        }
        return new FileDownloadHandler(mountpoints);
    }

    private static InvalidConfigurationException invalid(String key, String problem) {
        return new InvalidConfigurationException("Invalid configuration of download handler 'file', key '" + key + "': " + problem);
    }
}
