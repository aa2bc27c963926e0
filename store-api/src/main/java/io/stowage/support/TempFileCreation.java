package io.stowage.support;

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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates the temp file of an {@link AtomicFile} under a name the caller chose: exclusively,
 * without following links, optionally locked; and keeps the list of this JVM's temp files in use.
 */
final class TempFileCreation {
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private TempFileCreation() {}

    /**
     * Creates {@code temp} and, if asked, locks it; the file is listed as in use until {@link
     * #unlist}.
     *
     * @return the channel, open for writing; empty (nothing listed, nothing left) when the name
     *     must be given up for another: it is taken, or a sweep got in the way of the lock
     * @throws FileLockUnavailableException if the filesystem gives no lock (the file is removed again)
     */
    static Optional<FileChannel> open(Path temp, boolean locked, FileAttribute<?>[] attributes) throws IOException {
        // Listed before it exists: a sweep in this JVM never sees it unlisted, so never opens it (closing any
        // channel of a file releases this process's locks on it).
        IN_USE.add(temp);
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, CREATE_NEW, attributes);
        } catch (FileAlreadyExistsException taken) {
            IN_USE.remove(temp);
            return Optional.empty();
        } catch (IOException | RuntimeException | Error e) {
            IN_USE.remove(temp);
            throw e;
        }
        try {
            if (locked && !lock(channel, temp)) {
                IN_USE.remove(temp);
                return Optional.empty();
            }
            return Optional.of(channel);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(channel, e);
            deleteQuietly(temp, e);
            IN_USE.remove(temp);
            throw e;
        }
    }

    /**
     * Locks the whole new file exclusively. A filesystem that answers with an error instead of a
     * lock (no lock support, {@code ENOLCK}) fails the creation: without the lock, a sweep in
     * another process would take the file for a dead writer's and remove it while it is written.
     *
     * @return false, the channel closed, when the file must be given up: the lock overlaps one this
     *     JVM holds (a sweep here holds the lock of a file it just removed, whose inode the new file
     *     got), or a sweep in another process removed the file before it was locked
     */
    private static boolean lock(FileChannel channel, Path temp) throws IOException {
        try {
            channel.lock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            Files.deleteIfExists(temp);
            return false;
        } catch (FileLockInterruptionException e) {
            throw e; // an interrupt, not a missing lock
        } catch (UnsupportedOperationException | IOException e) {
            throw new FileLockUnavailableException(temp, e);
        }
        if (!AtomicFile.exists(temp)) {
            channel.close();
            return false;
        }
        return true;
    }

    static boolean isListed(Path temp) {
        return IN_USE.contains(temp);
    }

    static void unlist(Path temp) {
        IN_USE.remove(temp);
    }

    /** Owner-only permissions where asked and the filesystem of {@code dir} has POSIX permissions; else none. */
    static FileAttribute<?>[] attributes(Path dir, boolean ownerOnly) {
        if (ownerOnly && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    /** 16 random lower-case hex digits. */
    static String randomHex() {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The longest start of {@code name} whose UTF-8 encoding fits in {@code maxBytes}, without splitting a character. */
    static String leadingBytes(String name, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }

    private static void closeQuietly(FileChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
