package io.stowage.file;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;

/**
 * A filesystem shared between hosts, the way Glance and Nova name one: an {@code id} that
 * both sides agree on and the {@code mountpoint} where it is mounted on this host.
 *
 * <p>In a file store's config it says which data dirs live on a shared filesystem: objects
 * stored under the mountpoint get {@code id} and {@code mountpoint} in their location
 * metadata (Glance's {@code filesystem_store_metadata_file}). In the {@code file} download
 * handler's config it says where the filesystem of that {@code id} is mounted locally.
 *
 * @param id the id both sides agree on
 * @param mountpoint where the filesystem is mounted on this host
 */
public record FilesystemMount(String id, String mountpoint) {
    /**
     * Checks both parts.
     *
     * @param id the id both sides agree on
     * @param mountpoint where the filesystem is mounted on this host
     * @throws IllegalArgumentException if a part is missing or blank
     */
    public FilesystemMount {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("filesystems: every entry needs a non-empty 'id'");
        }
        if (mountpoint == null || mountpoint.isBlank()) {
            throw new IllegalArgumentException("filesystems: entry '" + id + "' needs a non-empty 'mountpoint'");
        }
    }

    /**
     * The mount in one entry of a {@code filesystems} list.
     *
     * @param entry the entry's settings
     * @return the mount
     * @throws InvalidConfigurationException for an unknown key or a missing part
     */
    static FilesystemMount from(Settings entry) throws InvalidConfigurationException {
        entry.checkKeys("id", "mountpoint");
        String id = entry.string("id").orElse(null);
        String mountpoint = entry.string("mountpoint").orElse(null);
        return entry.build(() -> new FilesystemMount(id, mountpoint));
    }
}
