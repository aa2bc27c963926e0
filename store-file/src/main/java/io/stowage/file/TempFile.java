package io.stowage.file;

import io.stowage.ObjectId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The file an add writes before the object is published, in the same dir as the object:
 * {@code .<id>~<16 hex digits>.stowage-tmp} (the id cut to 200 characters so the name stays
 * within the 255 bytes most filesystems allow). The {@code ~} cannot occur in an id, so no
 * object can ever be mistaken for a temp file, and no location can name one.
 *
 * <p>A temp file whose writer died (a killed process) is removed when a store next opens the
 * dir ({@link LeftoverTempFiles}). A live writer's file must survive that, also when the
 * other store is in another process: the writer holds an exclusive lock on it for its whole
 * life, and this JVM's writers are also listed in {@link #IN_FLIGHT} so that a store opening
 * in the same JVM never even opens them (closing any channel of a file releases the
 * process's POSIX locks on it).
 */
final class TempFile {
    static final String SUFFIX = ".stowage-tmp";
    private static final int ID_PREFIX = 200;
    private static final Pattern NAME = Pattern.compile("\\.[A-Za-z0-9._-]{0," + ID_PREFIX + "}~[0-9a-f]{16}\\.stowage-tmp");
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final int MAX_ATTEMPTS = 16;

    private final Path path;
    private final FileChannel channel;

    private TempFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates a new temp file for {@code id} in {@code dir}, exclusively, locked and open for writing.
     *
     * @param attributes the attributes to create it with (owner-only permissions when the store sets permissions)
     * @throws FileLockUnavailableException if the filesystem gives no lock on it (the file is removed again)
     */
    static TempFile create(Path dir, ObjectId id, FileAttribute<?>... attributes) throws IOException {
        String prefix = id.value().length() > ID_PREFIX ? id.value().substring(0, ID_PREFIX) : id.value();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Path path = dir.resolve(newName(prefix));
            // Listed before it exists: a store opening in this JVM can then never see it unlisted.
            IN_FLIGHT.add(path);
            FileChannel channel;
            try {
                channel = FileChannel.open(path, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), attributes);
            } catch (FileAlreadyExistsException collision) {
                IN_FLIGHT.remove(path);
                continue;
            } catch (IOException | RuntimeException e) {
                IN_FLIGHT.remove(path);
                throw e;
            }
            try {
                if (!lock(channel, path)) {
                    // This JVM still holds a lock on a removed file whose inode the new one got: take a new name.
                    channel.close();
                    Files.deleteIfExists(path);
                    IN_FLIGHT.remove(path);
                    continue;
                }
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    // A store in another process removed it between our create and our lock: take a new name.
                    channel.close();
                    IN_FLIGHT.remove(path);
                    continue;
                }
                return new TempFile(path, channel);
            } catch (IOException | RuntimeException | Error e) {
                closeQuietly(channel, e);
                deleteQuietly(path, e);
                IN_FLIGHT.remove(path);
                throw e;
            }
        }
        throw new IOException("Could not create a temp file in " + dir + " after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Locks the whole file exclusively. A filesystem that answers with an error instead of a
     * lock (no lock support, {@code ENOLCK}) fails the add: without the lock, a store opening
     * in another process would take the file for a dead add's and remove it while it is
     * written.
     *
     * @return false if the lock overlaps one this JVM holds: a store sweeping leftovers here
     *     holds the lock of a file it has just removed, and the new file got its inode
     */
    private static boolean lock(FileChannel channel, Path path) throws IOException {
        try {
            channel.lock();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (FileLockInterruptionException e) {
            throw e; // an interrupt, not a missing lock
        } catch (UnsupportedOperationException | IOException e) {
            throw new FileLockUnavailableException(path, e);
        }
    }

    /**
     * A new random temp-file name starting with {@code prefix} (at most 200 characters of an
     * id's): whatever a crash leaves under such a name, the next open removes.
     */
    static String newName(String prefix) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return "." + prefix + "~" + HexFormat.of().formatHex(random) + SUFFIX;
    }

    /** Whether {@code fileName} is the name of a temp file of this module. */
    static boolean isTempName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** Whether an add in this JVM is writing {@code path} right now. */
    static boolean isInFlight(Path path) {
        return IN_FLIGHT.contains(path);
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * After a successful publish: removes the temp name (if the publish was a hard link, the
     * object keeps the data) and lets go of the file.
     */
    void release() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                Files.deleteIfExists(path);
            } finally {
                IN_FLIGHT.remove(path);
            }
        }
    }

    /** After a failure: deletes the file and lets go of it; problems are attached to {@code failure}. */
    void discard(Throwable failure) {
        closeQuietly(channel, failure);
        deleteQuietly(path, failure);
        IN_FLIGHT.remove(path);
    }

    private static void deleteQuietly(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void closeQuietly(FileChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
