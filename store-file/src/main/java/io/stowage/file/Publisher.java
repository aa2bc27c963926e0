package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.ObjectId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Turns a complete, fsynced temp file into the object, atomically (the object appears whole
 * or not at all) and exclusively (an existing object is never replaced; of racing adds of
 * one id exactly one wins).
 *
 * <p>Why a hard link: {@code rename(2)} is atomic but silently replaces an existing target,
 * and "check, then rename" lets two racers both pass the check. {@code link(2)} creates the
 * new name atomically and fails with {@code EEXIST} when it is taken, in one step the kernel
 * (or the NFS server) arbitrates, also between processes. The temp name is removed afterwards;
 * a crash in between leaves a second name of a complete object, which the next open removes.
 * Exclusive creation of the object name first (CREATE_NEW, then rename over it) would not do:
 * for a moment the name would show an empty or partial object.
 *
 * <p>Two cases need more than one link call, and run under the {@link StoreLock}: with several
 * data dirs, the id must also be free in the other dirs (two racers may pick different dirs);
 * on a filesystem without hard links, the object is published by an atomic rename after a
 * check that the name is free, which only the lock makes safe. Where the filesystem gives no
 * lock, these publishes fail ({@link FileLockUnavailableException}) instead of running the
 * check unguarded, so an object is never replaced.
 */
final class Publisher {
    private final List<DataDir> dirs;
    private final StoreLock lock;

    Publisher(List<DataDir> dirs, StoreLock lock) {
        this.dirs = List.copyOf(dirs);
        this.lock = requireNonNull(lock, "lock is null");
    }

    /**
     * Publishes {@code temp} as {@code id} in {@code dir}.
     *
     * @return false when the id exists (in any dir); nothing was changed then
     * @throws FileLockUnavailableException if the publish needs the store lock and the filesystem gives none
     */
    boolean publish(Path temp, DataDir dir, ObjectId id) throws IOException {
        if (dirs.size() == 1 && dir.hardLinks()) {
            Linked linked = link(temp, dir.objectPath(id));
            if (linked != Linked.UNSUPPORTED) {
                return linked == Linked.YES;
            }
            dir.noHardLinks();
        }
        return lock.holding(() -> {
            for (DataDir other : dirs) {
                if (other != dir && exists(other.objectPath(id))) {
                    return false;
                }
            }
            Path target = dir.objectPath(id);
            if (dir.hardLinks()) {
                Linked linked = link(temp, target);
                if (linked != Linked.UNSUPPORTED) {
                    return linked == Linked.YES;
                }
                dir.noHardLinks();
            }
            if (exists(target)) {
                return false;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        });
    }

    private enum Linked { YES, NAME_TAKEN, UNSUPPORTED }

    private static Linked link(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return Linked.YES;
        } catch (FileAlreadyExistsException e) {
            return Linked.NAME_TAKEN;
        } catch (UnsupportedOperationException e) {
            return Linked.UNSUPPORTED;
        } catch (FileSystemException e) {
            // link(2) answers EPERM on filesystems without hard links (FAT, some FUSE mounts)
            if (e.getClass() == FileSystemException.class && "Operation not permitted".equals(e.getReason())) {
                return Linked.UNSUPPORTED;
            }
            throw e;
        }
    }

    /** Whether anything (a file, a link, a dir) has the name; errors other than "absent" propagate. */
    static boolean exists(Path path) throws IOException {
        try {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
