package io.stowage.support;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The exclusive publish of an {@link AtomicFile}: the temp file gets the target's name only if
 * no name it must not take exists, and of racing publishers exactly one wins.
 *
 * <p>Why a hard link: {@code rename(2)} is atomic but silently replaces an existing target, and
 * "check, then rename" lets two racers both pass the check. {@code link(2)} creates the new
 * name atomically and fails with {@code EEXIST} when it is taken, in one step the kernel (or the
 * NFS server) arbitrates, also between processes. Creating the target exclusively first and
 * renaming over it would not do: for a moment the name would show an empty or partial file.
 *
 * <p>Two cases run under the caller's {@link AtomicFile.PublishLock}: names in other places
 * must be free too (racers may publish into different directories), so they are checked before
 * the link; or the filesystem has no hard links, and the file is renamed after a check that the
 * name is free, which only the lock makes safe.
 */
final class ExclusivePublish {
    private ExclusivePublish() {}

    /**
     * @throws FileAlreadyExistsException if {@code target} or one of {@code otherNames} exists; nothing was changed
     */
    static void publish(Path temp, Path target, List<Path> otherNames, AtomicFile.PublishLock lock) throws IOException {
        boolean linkTried = false;
        if (otherNames.isEmpty()) {
            if (link(temp, target)) {
                return;
            }
            linkTried = true;
        }
        try (Closeable held = lock.acquire()) {
            for (Path other : otherNames) {
                failIfExists(other);
            }
            if (!linkTried && link(temp, target)) {
                return;
            }
            failIfExists(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * @return false if the filesystem has no hard links
     * @throws FileAlreadyExistsException if the name is taken
     */
    private static boolean link(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            FileAlreadyExistsException taken = new FileAlreadyExistsException(target.toString()); // as a check names it
            taken.initCause(e);
            throw taken;
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (FileSystemException e) {
            // link(2) answers EPERM on filesystems without hard links (FAT, some FUSE mounts)
            if (e.getClass() == FileSystemException.class && "Operation not permitted".equals(e.getReason())) {
                return false;
            }
            throw e;
        }
    }

    private static void failIfExists(Path name) throws IOException {
        if (AtomicFile.exists(name)) {
            throw new FileAlreadyExistsException(name.toString());
        }
    }
}
