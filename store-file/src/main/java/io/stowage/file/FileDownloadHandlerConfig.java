package io.stowage.file;

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
 * @param filesystems the shared filesystems this host can read, each with the {@code id}
 *     that locations name in their metadata and the local {@code mountpoint} (absolute). At
 *     least one: there is no implicit mapping of the location's path onto this host.
 */
public record FileDownloadHandlerConfig(List<FilesystemMount> filesystems) {
    public FileDownloadHandlerConfig {
        if (filesystems == null || filesystems.isEmpty()) {
            throw new IllegalArgumentException("filesystems: at least one {id, mountpoint} is required; the file handler"
                    + " reads only configured filesystems");
        }
        filesystems = List.copyOf(filesystems);
        Set<String> ids = new HashSet<>();
        for (FilesystemMount filesystem : filesystems) {
            if (!ids.add(filesystem.id())) {
                throw new IllegalArgumentException("filesystems: id '" + filesystem.id() + "' is listed twice");
            }
        }
    }

    public static FileDownloadHandlerConfig of(FilesystemMount... filesystems) {
        return new FileDownloadHandlerConfig(List.of(filesystems));
    }
}
