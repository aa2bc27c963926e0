package io.stowage.file;

/**
 * A filesystem shared between hosts, the way Glance and Nova name one: an {@code id} that
 * both sides agree on and the {@code mountpoint} where it is mounted on this host.
 *
 * <p>In a file store's config it says which data dirs live on a shared filesystem: objects
 * stored under the mountpoint get {@code id} and {@code mountpoint} in their location
 * metadata (Glance's {@code filesystem_store_metadata_file}). In the {@code file} download
 * handler's config it says where the filesystem of that {@code id} is mounted locally.
 */
public record FilesystemMount(String id, String mountpoint) {
    public FilesystemMount {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("filesystems: every entry needs a non-empty 'id'");
        }
        if (mountpoint == null || mountpoint.isBlank()) {
            throw new IllegalArgumentException("filesystems: entry '" + id + "' needs a non-empty 'mountpoint'");
        }
    }
}
