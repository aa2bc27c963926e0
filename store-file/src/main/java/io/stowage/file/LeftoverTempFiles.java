package io.stowage.file;

import io.stowage.support.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temp files that adds which never finished (a killed process, a power cut) left
 * in a data dir. Only names of this module's temp files are considered ({@link
 * TempFile#isTempName}), never objects or anything else in the dir. A temp file that a live
 * add is writing is kept: in this JVM it is listed as in flight, in another process its
 * writer holds its lock. Where the filesystem cannot say whether a file is locked, it is kept.
 */
final class LeftoverTempFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverTempFiles.class);

    private LeftoverTempFiles() {}

    /**
     * @return the temp files removed
     * @throws IOException if the dir cannot be listed or a leftover cannot be removed
     */
    static List<Path> removeFrom(Path dir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                entry -> TempFile.isTempName(entry.getFileName().toString()))) {
            entries.forEach(candidates::add);
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        List<Path> removed = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!AtomicFile.isInUse(candidate) && removeIfAbandoned(candidate)) {
                removed.add(candidate);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed {} temp file(s) of unfinished adds from {}", removed.size(), dir);
        }
        return removed;
    }

    private static boolean removeIfAbandoned(Path candidate) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            // never created by an add; a stray link or dir under our name is removed without following it
            return attributes.isSymbolicLink() && Files.deleteIfExists(candidate);
        }
        try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (heldByALiveAdd(channel, candidate)) {
                return false;
            }
            // Deleted while we hold the lock: a writer that created it but had not locked it yet
            // finds its name gone once it gets the lock, and starts over under a new name.
            return Files.deleteIfExists(candidate);
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /**
     * Tries to lock the file; a lock we get is released when the channel closes. A filesystem
     * that answers with an error instead of a lock ({@code ENOLCK}) cannot tell whether a live
     * add holds it, so the file is kept: removing a file that is being written would lose an
     * add, keeping a dead one only costs its space until an open that can lock it.
     */
    private static boolean heldByALiveAdd(FileChannel channel, Path path) {
        try {
            return channel.tryLock() == null;
        } catch (OverlappingFileLockException e) {
            return true; // locked in this JVM: keep it
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warn("Cannot tell whether a live add is writing {}: the filesystem gives no lock on it ({}); it is kept,"
                    + " remove it by hand once no add runs", path, e.toString());
            return true;
        }
    }
}
