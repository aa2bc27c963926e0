package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The config of the {@code file} download handler, Nova's {@code [image_file_url]}:
 *
 * <pre>
 * direct-download:
 *   allowed-schemes: [file]
 *   handlers:
 *     file: { filesystems: [ { id: shared-nfs, mountpoint: /mnt/images } ] }
 * </pre>
 *
 * <p>{@code filesystems} are the shared filesystems this host can read, each with the {@code id}
 * that locations name in their metadata and the local {@code mountpoint} (absolute). At least
 * one: there is no implicit mapping of the location's path onto this host.
 */
public final class FileDownloadHandlerConfig {
    private final List<FilesystemMount> filesystems;

    private FileDownloadHandlerConfig(List<FilesystemMount> filesystems) {
        if (filesystems == null || filesystems.isEmpty()) {
            throw new IllegalArgumentException("filesystems: at least one {id, mountpoint} is required; the file handler"
                    + " reads only configured filesystems");
        }
        Set<String> ids = new HashSet<>();
        for (FilesystemMount filesystem : filesystems) {
            if (!ids.add(requireNonNull(filesystem, "filesystems holds null").id())) {
                throw new IllegalArgumentException("filesystems: id '" + filesystem.id() + "' is listed twice");
            }
        }
        this.filesystems = List.copyOf(filesystems);
    }

    /**
     * A config reading {@code filesystems}.
     *
     * @param filesystems the shared filesystems, at least one
     * @return the config
     * @throws IllegalArgumentException if there is none or an id is listed twice
     */
    public static FileDownloadHandlerConfig of(FilesystemMount... filesystems) {
        return of(List.of(filesystems));
    }

    /**
     * A config reading {@code filesystems}.
     *
     * @param filesystems the shared filesystems, at least one
     * @return the config
     * @throws IllegalArgumentException if there is none or an id is listed twice
     */
    public static FileDownloadHandlerConfig of(List<FilesystemMount> filesystems) {
        return new FileDownloadHandlerConfig(filesystems);
    }

    /**
     * The config in the handler's settings.
     *
     * @param settings the settings under {@code direct-download.handlers.file}
     * @return the config
     * @throws InvalidConfigurationException naming the key, for an unknown key or a bad value
     */
    public static FileDownloadHandlerConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys("filesystems");
        List<FilesystemMount> mounts = new ArrayList<>();
        for (Settings mount : settings.sections("filesystems")) {
            mounts.add(FilesystemMount.from(mount));
        }
        return settings.build(() -> new FileDownloadHandlerConfig(mounts));
    }

    /**
     * The shared filesystems this host reads.
     *
     * @return the mounts, at least one
     */
    public List<FilesystemMount> filesystems() {
        return filesystems;
    }

    /** The filesystems, as a config file would list them. */
    @Override
    public String toString() {
        return "FileDownloadHandlerConfig[filesystems=" + filesystems + "]";
    }

    /** Configs are equal when their filesystems are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FileDownloadHandlerConfig config && config.filesystems.equals(filesystems);
    }

    @Override
    public int hashCode() {
        return filesystems.hashCode();
    }
}
