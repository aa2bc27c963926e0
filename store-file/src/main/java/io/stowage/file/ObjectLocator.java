package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps between the objects of a file store and their {@code file://} locations, confined to
 * its data dirs: the location of an object in a dir, and back from a location to the object's
 * file. A location is accepted only as {@code file:///<data dir>/<file name of an id>} (after
 * normalisation by {@link FileUris}; the name is the id unless the dir's filesystem folds case,
 * see {@link ObjectFileNaming}); a symlink only when it leads to an object, a file named as an
 * object directly in one of the data dirs. Everything else is refused with {@link InvalidLocationException}
 * before anything is opened or removed.
 */
final class ObjectLocator {
    /** An object's place: its dir and id. */
    record ObjectPath(DataDir dir, ObjectId id) {}

    private final String storeName;
    private final List<DataDir> dirs;

    ObjectLocator(String storeName, List<DataDir> dirs) {
        this.storeName = requireNonNull(storeName, "storeName is null");
        this.dirs = List.copyOf(dirs);
    }

    /** The location of the object {@code id} in {@code dir}, with the dir's metadata (its shared filesystem). */
    Location location(DataDir dir, ObjectId id) {
        List<String> segments = new ArrayList<>(dir.segments());
        segments.add(dir.fileName(id));
        return Location.of(FileUris.uri(segments), dir.metadata());
    }

    /** Pure: compares the normalised path of the location with the data dirs; no filesystem access. */
    Optional<ObjectPath> locate(Location location) {
        if (!FileUris.SCHEME.equals(location.scheme())) {
            return Optional.empty();
        }
        Optional<List<String>> segments = FileUris.localPathSegments(location.uri());
        if (segments.isEmpty() || segments.get().isEmpty()) {
            return Optional.empty();
        }
        List<String> path = segments.get();
        String last = path.get(path.size() - 1);
        List<String> parent = path.subList(0, path.size() - 1);
        for (DataDir dir : dirs) {
            if (dir.isNamedBy(parent)) {
                return dir.objectNamed(last).map(id -> new ObjectPath(dir, id));
            }
        }
        return Optional.empty();
    }

    /** Like {@link #locate}, but a location naming no object in a data dir is refused. */
    ObjectPath owned(Location location) throws InvalidLocationException {
        if (!FileUris.SCHEME.equals(location.scheme())) {
            throw new InvalidLocationException("Location " + location + " is refused: store '" + storeName
                    + "' serves file locations only");
        }
        return locate(location).orElseThrow(() -> new InvalidLocationException("Location " + location
                + " is refused: it is not an object in a data dir of store '" + storeName + "' (expected file:///<data dir>/<id>"
                + " with one of " + dirs + ")"));
    }

    /** The regular file holding the object at {@code location}, a symlink resolved if it stays among the objects. */
    Path existingFile(Location location) throws StoreException {
        ObjectPath object = owned(location);
        Path path = object.dir().objectPath(object.id());
        BasicFileAttributes attributes = attributes(path, location);
        if (attributes.isSymbolicLink()) {
            path = confinedTarget(path, location);
            attributes = attributes(path, location);
        }
        if (!attributes.isRegularFile()) {
            throw notARegularFile(location);
        }
        return path;
    }

    /**
     * The object at {@code location} as a name to remove: a regular file, or a symlink that
     * leads to an object (the link itself is the object then). Anything else is refused.
     */
    ObjectPath deletable(Location location) throws StoreException {
        ObjectPath object = owned(location);
        Path path = object.dir().objectPath(object.id());
        BasicFileAttributes attributes = attributes(path, location);
        if (attributes.isSymbolicLink()) {
            confinedTarget(path, location); // refuses a link leading elsewhere; the link itself is the object
        } else if (!attributes.isRegularFile()) {
            throw notARegularFile(location);
        }
        return object;
    }

    /**
     * Where the symlink {@code link} leads, if that is an object: a file named as an object of
     * the data dir it is directly in. Anything else is refused.
     */
    private Path confinedTarget(Path link, Location location) throws StoreException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("Object not found: " + location + " (a symbolic link to nothing)");
        } catch (IOException e) {
            throw FilesystemErrors.readFailure("Resolving " + location, e);
        }
        Path parent = target.getParent();
        Path fileName = target.getFileName();
        boolean anObject = parent != null && fileName != null && dirs.stream().anyMatch(dir -> dir.realPath().equals(parent)
                && dir.objectNamed(fileName.toString()).isPresent());
        if (!anObject) {
            throw new InvalidLocationException("Location " + location + " is refused: it is a symbolic link leading out of "
                    + "the data dirs of store '" + storeName + "'");
        }
        return target;
    }

    /** The attributes of {@code path} itself (a symlink is not followed); a missing file is an {@link ObjectNotFoundException}. */
    static BasicFileAttributes attributes(Path path, Location location) throws StoreException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw FilesystemErrors.notFound(location);
        } catch (IOException e) {
            throw FilesystemErrors.readFailure("Reading " + location, e);
        }
    }

    private InvalidLocationException notARegularFile(Location location) {
        return new InvalidLocationException("Location " + location + " is refused: it is not a regular file in store '"
                + storeName + "'");
    }
}
