package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
 * <ul>
 *   <li>{@code dirs}: the data dirs, {@code "path"} or {@code "path:priority"} (priority 0 when
 *       omitted; the integer after the last colon). An object goes to the dir of the highest
 *       priority that has room for it, among equals the one with the most free space. Missing
 *       dirs are created. Objects are stored as {@code <dir>/<id>}, as Glance does.</li>
 *   <li>{@code filePermissions}: the permissions of stored files, {@code "rw-r-----"} or octal
 *       {@code "0640"}; needs a POSIX filesystem. When absent, files get the process's default
 *       (umask) permissions.</li>
 *   <li>{@code filesystems}: shared filesystems the data dirs live on: an object whose dir is under
 *       a {@code mountpoint} gets location metadata {@code id} and {@code mountpoint} (the
 *       deepest matching mountpoint wins), which Nova-style {@code file} download handlers need.
 *       These entries override add-option metadata of the same keys.</li>
 *   <li>{@code bufferSize}: the size of each copy buffer in bytes, 4 KiB to 64 MiB, default 1 MiB.
 *       An add holds at most {@value #BUFFERS_PER_ADD} of them.</li>
 * </ul>
 *
 * <p>Immutable; built from a store's {@link Settings} ({@link #from}) or in code ({@link #ofDirs}
 * and the {@code with...} methods), which validate alike.
 */
public final class FileStoreConfig {
    /** The default size of a copy buffer: 1 MiB. */
    public static final int DEFAULT_BUFFER_SIZE = 1024 * 1024;
    /** The smallest copy buffer: 4 KiB. */
    public static final int MIN_BUFFER_SIZE = 4 * 1024;
    /** The largest copy buffer: 64 MiB. */
    public static final int MAX_BUFFER_SIZE = 64 * 1024 * 1024;
    /** How many copy buffers one add uses at most: one being filled, the others being written. */
    public static final int BUFFERS_PER_ADD = 3;
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");
    private static final String[] KEYS = {"dirs", "filePermissions", "filesystems", "bufferSize"};

    private final List<String> dirs;
    private final Optional<String> filePermissions;
    private final List<FilesystemMount> filesystems;
    private final int bufferSize;

    private FileStoreConfig(List<String> dirs, Optional<String> filePermissions, List<FilesystemMount> filesystems,
            int bufferSize) {
        if (dirs == null || dirs.isEmpty()) {
            throw new IllegalArgumentException("dirs: at least one data dir is required");
        }
        for (int i = 0; i < dirs.size(); i++) {
            if (dirs.get(i) == null) {
                throw new IllegalArgumentException("dirs: entries must not be null");
            }
            DataDirSpec.parse(dirs.get(i), "dirs[" + i + "]");
        }
        this.dirs = List.copyOf(dirs);
        filePermissions.ifPresent(FileStoreConfig::parsePermissions);
        this.filePermissions = filePermissions;
        Set<String> ids = new HashSet<>();
        for (FilesystemMount filesystem : filesystems) {
            if (!ids.add(requireNonNull(filesystem, "filesystems holds null").id())) {
                throw new IllegalArgumentException("filesystems: id '" + filesystem.id() + "' is listed twice");
            }
        }
        this.filesystems = List.copyOf(filesystems);
        if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException("bufferSize: must be between " + MIN_BUFFER_SIZE + " and "
                    + MAX_BUFFER_SIZE + " bytes");
        }
        this.bufferSize = bufferSize;
    }

    /**
     * One or more data dirs with the defaults for everything else.
     *
     * @param dirs the data dirs, {@code "path"} or {@code "path:priority"}
     * @return the config
     * @throws IllegalArgumentException naming the key, if there is no dir or one is unreadable
     */
    public static FileStoreConfig ofDirs(String... dirs) {
        return ofDirs(List.of(dirs));
    }

    /**
     * One or more data dirs with the defaults for everything else.
     *
     * @param dirs the data dirs, {@code "path"} or {@code "path:priority"}
     * @return the config
     * @throws IllegalArgumentException naming the key, if there is no dir or one is unreadable
     */
    public static FileStoreConfig ofDirs(List<String> dirs) {
        return new FileStoreConfig(requireNonNull(dirs, "dirs is null"), Optional.empty(), List.of(), DEFAULT_BUFFER_SIZE);
    }

    /**
     * The config in a store's settings.
     *
     * @param settings the store's settings
     * @return the config
     * @throws InvalidConfigurationException naming the store and the key, for an unknown key or a bad value
     */
    public static FileStoreConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys(KEYS);
        List<String> dirs = settings.strings("dirs").orElse(List.of());
        Optional<String> permissions = settings.string("filePermissions");
        List<FilesystemMount> mounts = new ArrayList<>();
        for (Settings mount : settings.sections("filesystems")) {
            mounts.add(FilesystemMount.from(mount));
        }
        int bufferSize = settings.integer("bufferSize").orElse(DEFAULT_BUFFER_SIZE);
        return settings.build(() -> new FileStoreConfig(dirs, permissions, mounts, bufferSize));
    }

    /**
     * This config with stored files given {@code permissions}.
     *
     * @param permissions {@code "rw-r-----"} or octal {@code "0640"}
     * @return the new config
     * @throws IllegalArgumentException if the permissions are unreadable
     */
    public FileStoreConfig withFilePermissions(String permissions) {
        return new FileStoreConfig(dirs, Optional.of(requireNonNull(permissions, "permissions is null")), filesystems,
                bufferSize);
    }

    /**
     * This config with the data dirs on the shared filesystems {@code mounts}.
     *
     * @param mounts the shared filesystems
     * @return the new config
     * @throws IllegalArgumentException if an id is listed twice
     */
    public FileStoreConfig withFilesystems(List<FilesystemMount> mounts) {
        return new FileStoreConfig(dirs, filePermissions, requireNonNull(mounts, "mounts is null"), bufferSize);
    }

    /**
     * This config with copy buffers of {@code bytes}.
     *
     * @param bytes the buffer size, {@value #MIN_BUFFER_SIZE} to {@value #MAX_BUFFER_SIZE}
     * @return the new config
     * @throws IllegalArgumentException if the size is out of bounds
     */
    public FileStoreConfig withBufferSize(int bytes) {
        return new FileStoreConfig(dirs, filePermissions, filesystems, bytes);
    }

    /**
     * The data dirs as configured.
     *
     * @return the entries of {@code dirs}
     */
    public List<String> dirs() {
        return dirs;
    }

    /**
     * The permissions of stored files as configured.
     *
     * @return the permissions text, or empty for the process's default (umask) permissions
     */
    public Optional<String> filePermissions() {
        return filePermissions;
    }

    /**
     * The shared filesystems the data dirs live on.
     *
     * @return the mounts, possibly none
     */
    public List<FilesystemMount> filesystems() {
        return filesystems;
    }

    /**
     * The size of each copy buffer.
     *
     * @return bytes
     */
    public int bufferSize() {
        return bufferSize;
    }

    /** The settings as a config file would write them. */
    @Override
    public String toString() {
        return "FileStoreConfig[dirs=" + dirs + ", filePermissions=" + filePermissions.orElse("(umask)")
                + ", filesystems=" + filesystems + ", bufferSize=" + bufferSize + "]";
    }

    /** Configs are equal when all their settings are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FileStoreConfig config && config.dirs.equals(dirs)
                && config.filePermissions.equals(filePermissions) && config.filesystems.equals(filesystems)
                && config.bufferSize == bufferSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dirs, filePermissions, filesystems, bufferSize);
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
        return filePermissions.map(FileStoreConfig::parsePermissions);
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
