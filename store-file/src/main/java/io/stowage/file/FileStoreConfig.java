package io.stowage.file;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config of a {@code file} store.
 *
 * <pre>
 * stores:
 *   local: { type: file, dirs: ["./stowage-data"] }
 *   fast:
 *     type: file
 *     dirs: ["/ssd/images:200", "/hdd/images:100"]
 *     filePermissions: "rw-r-----"
 *     filesystems: [ { id: shared-nfs, mountpoint: /hdd } ]
 * </pre>
 *
 * @param dirs the data dirs, {@code "path"} or {@code "path:priority"} (priority 0 when
 *     omitted; the integer after the last colon). An object goes to the dir of the highest
 *     priority that has room for it, among equals the one with the most free space. Missing
 *     dirs are created. Objects are stored as {@code <dir>/<id>}, as Glance does.
 * @param filePermissions the permissions of stored files, {@code "rw-r-----"} or octal
 *     {@code "0640"}; needs a POSIX filesystem. When absent, files get the process's default
 *     (umask) permissions.
 * @param filesystems shared filesystems the data dirs live on: an object whose dir is under
 *     a {@code mountpoint} gets location metadata {@code id} and {@code mountpoint} (the
 *     deepest matching mountpoint wins), which Nova-style {@code file} download handlers need.
 *     These entries override add-option metadata of the same keys.
 * @param bufferSize the size of each copy buffer in bytes, 4 KiB to 64 MiB, default 1 MiB.
 *     An add holds at most {@value #BUFFERS_PER_ADD} of them.
 */
public record FileStoreConfig(
        List<String> dirs,
        String filePermissions,
        List<FilesystemMount> filesystems,
        Integer bufferSize) {

    public static final int DEFAULT_BUFFER_SIZE = 1024 * 1024;
    public static final int MIN_BUFFER_SIZE = 4 * 1024;
    public static final int MAX_BUFFER_SIZE = 64 * 1024 * 1024;
    /** How many copy buffers one add uses at most: one being filled, the others being written. */
    public static final int BUFFERS_PER_ADD = 3;
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");

    public FileStoreConfig {
        if (dirs == null || dirs.isEmpty()) {
            throw new IllegalArgumentException("dirs: at least one data dir is required");
        }
        dirs = List.copyOf(dirs.stream().map(dir -> {
            if (dir == null) {
                throw new IllegalArgumentException("dirs: entries must not be null");
            }
            return dir;
        }).toList());
        for (int i = 0; i < dirs.size(); i++) {
            DataDirSpec.parse(dirs.get(i), "dirs[" + i + "]");
        }
        if (filePermissions != null) {
            parsePermissions(filePermissions);
        }
        filesystems = filesystems == null ? List.of() : List.copyOf(filesystems);
        Set<String> ids = new HashSet<>();
        for (FilesystemMount filesystem : filesystems) {
            if (!ids.add(filesystem.id())) {
                throw new IllegalArgumentException("filesystems: id '" + filesystem.id() + "' is listed twice");
            }
        }
        if (bufferSize == null) {
            bufferSize = DEFAULT_BUFFER_SIZE;
        } else if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException("bufferSize: must be between " + MIN_BUFFER_SIZE + " and "
                    + MAX_BUFFER_SIZE + " bytes");
        }
    }

    /** One or more data dirs with the defaults for everything else. */
    public static FileStoreConfig ofDirs(String... dirs) {
        return new FileStoreConfig(List.of(dirs), null, null, null);
    }

    public FileStoreConfig withFilePermissions(String permissions) {
        return new FileStoreConfig(dirs, permissions, filesystems, bufferSize);
    }

    public FileStoreConfig withFilesystems(List<FilesystemMount> mounts) {
        return new FileStoreConfig(dirs, filePermissions, mounts, bufferSize);
    }

    public FileStoreConfig withBufferSize(int bytes) {
        return new FileStoreConfig(dirs, filePermissions, filesystems, bytes);
    }

    /** The parsed {@link #dirs}, in config order. */
    List<DataDirSpec> dataDirs() {
        List<DataDirSpec> specs = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            specs.add(DataDirSpec.parse(dirs.get(i), "dirs[" + i + "]"));
        }
        return specs;
    }

    /** The parsed {@link #filePermissions}, when set. */
    Optional<Set<PosixFilePermission>> permissions() {
        return filePermissions == null ? Optional.empty() : Optional.of(parsePermissions(filePermissions));
    }

    private static Set<PosixFilePermission> parsePermissions(String text) {
        if (OCTAL.matcher(text).matches()) {
            int mode = Integer.parseInt(text, 8);
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                    permissions.add(bits[i]);
                }
            }
            return permissions;
        }
        try {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            permissions.addAll(PosixFilePermissions.fromString(text));
            return permissions;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("filePermissions: expected 9 characters like \"rw-r-----\" or octal like \"0640\"");
        }
    }
}
