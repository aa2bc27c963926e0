package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.ObjectId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One opened data dir: the path as configured (absolute, normalised; locations use it, as
 * Glance's do), its real path (symlinks resolved; locations naming it are accepted too), its
 * priority, the filesystem it lives on, how its object files are named and the location
 * metadata of its objects.
 */
final class DataDir {
    private final Path path;
    private final Path realPath;
    private final int priority;
    private final java.nio.file.FileStore fileStore;
    private final ObjectFileNaming naming;
    private final Map<String, String> metadata;
    private final List<String> segments;
    private final List<String> realSegments;

    DataDir(Path path, Path realPath, int priority, java.nio.file.FileStore fileStore, ObjectFileNaming naming,
            Map<String, String> metadata) {
        this.path = requireNonNull(path, "path is null");
        this.realPath = requireNonNull(realPath, "realPath is null");
        this.priority = priority;
        this.fileStore = requireNonNull(fileStore, "fileStore is null");
        this.naming = requireNonNull(naming, "naming is null");
        this.metadata = Map.copyOf(metadata);
        this.segments = List.copyOf(FileUris.segments(path));
        this.realSegments = List.copyOf(FileUris.segments(realPath));
    }

    Path path() {
        return path;
    }

    Path realPath() {
        return realPath;
    }

    int priority() {
        return priority;
    }

    /** Location metadata of the objects in this dir ({@code id} and {@code mountpoint} of its shared filesystem). */
    Map<String, String> metadata() {
        return metadata;
    }

    /** Where the object {@code id} lives in this dir. */
    Path objectPath(ObjectId id) {
        return path.resolve(fileName(id));
    }

    /** The name of the file of object {@code id} in this dir. */
    String fileName(ObjectId id) {
        return naming.fileName(id);
    }

    /** The object whose file in this dir is named {@code fileName}, if it is the name of one. */
    Optional<ObjectId> objectNamed(String fileName) {
        return naming.id(fileName);
    }

    ObjectFileNaming naming() {
        return naming;
    }

    /** Whether {@code segments} name this dir, by its configured or its real path. */
    boolean isNamedBy(List<String> otherSegments) {
        return segments.equals(otherSegments) || realSegments.equals(otherSegments);
    }

    List<String> segments() {
        return segments;
    }

    long usableSpace() throws IOException {
        return fileStore.getUsableSpace();
    }

    /**
     * Whether a file, a dir or a link to one has the name of object {@code id} here: the early check of an add.
     * It asks the filesystem without an exception for the usual answer, absent (on the default filesystem
     * {@code Files.exists} is one {@code access(2)}, where reading the attributes of a missing name throws,
     * which cost a small add more than the call itself). A symlink leading nowhere and a name that cannot be
     * checked count as absent here; the add's exclusive publish refuses a taken name in the end anyway.
     */
    boolean holds(ObjectId id) {
        return Files.exists(objectPath(id));
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
