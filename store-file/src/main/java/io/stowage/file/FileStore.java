package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.StorageFullException;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.support.AtomicFile;
import io.stowage.support.AtomicFileOptions;
import io.stowage.support.ChannelWriteException;
import io.stowage.support.DaemonThreads;
import io.stowage.support.FileLockUnavailableException;
import io.stowage.support.PipelinedCopy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects as files {@code <dir>/<id>} in one or more data dirs, with {@code file://}
 * locations, the layout of Glance's filesystem store (so its data dirs can be served as
 * they are).
 *
 * <ul>
 *   <li><b>add</b> picks a dir ({@link DataDirChooser}), streams into a temp file in that dir
 *       (an {@link AtomicFile} named and locked as {@link TempFile} says) on two threads
 *       ({@link PipelinedCopy}: the calling thread reads the source — and so runs the contract
 *       decorator's hashing and checks, which raise from its reads —, a writer thread writes and
 *       starts forcing the file to the device as it goes), reads the source to its end, sets the
 *       permissions, fsyncs the file, publishes it atomically and
 *       exclusively (a hard link, or under the {@link StoreLock}) and fsyncs the dir. Every
 *       failure before the publish removes the temp file; an interrupt is one
 *       ({@link io.stowage.OperationInterruptedException}). Where the
 *       filesystem gives no lock that an add needs, the add is refused ({@link
 *       FileLockUnavailableException}); a failed dir sync after the publish fails the add but
 *       keeps the object, which a reader may already have.</li>
 *   <li><b>get, size, delete</b> accept only {@code file:///<data dir>/<id>} (after
 *       normalisation: {@code localhost}, {@code //}, {@code .} and percent-encoding); any
 *       other path, {@code ..} (also encoded), a symlink whose target is not an object in a
 *       data dir, or something other than a regular file is refused with
 *       {@link InvalidLocationException} before anything is opened or removed
 *       ({@link ObjectLocator}); get reads a range of the file ({@link ObjectFileReader}).</li>
 *   <li>Opening the store creates missing dirs, finds out whether their filesystems fold case
 *       (then file names escape upper case: {@link ObjectFileNaming}) and removes temp files
 *       left by adds that died.</li>
 * </ul>
 */
final class FileStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.READ, Capability.WRITE, Capability.DELETE, Capability.RANGE_READ));

    private final String name;
    private final List<DataDir> dirs;
    private final Optional<Set<PosixFilePermission>> permissions;
    private final int bufferSize;
    private final ExecutorService writerThreads;
    private final PipelinedCopy copy;
    private final ObjectLocator locator;
    private final StoreLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileStore(String name, List<DataDir> dirs, FileStoreConfig config) {
        this.name = name;
        this.dirs = dirs;
        this.permissions = config.permissions();
        this.bufferSize = config.bufferSize();
        this.writerThreads = DaemonThreads.onDemand("stowage-file-writer-" + name + "-");
        this.copy = new PipelinedCopy(bufferSize, FileStoreConfig.BUFFERS_PER_ADD, writerThreads);
        Path lockDir = dirs.stream().map(DataDir::realPath).min(Comparator.comparing(Path::toString)).orElseThrow();
        this.lock = new StoreLock(lockDir);
        this.locator = new ObjectLocator(name, dirs);
    }

    /**
     * Opens a store over the dirs of {@code config} on {@code fileSystem}: creates missing dirs
     * and removes leftover temp files.
     */
    static FileStore open(String name, FileStoreConfig config, FileSystem fileSystem) throws StoreException {
        requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        requireNonNull(fileSystem, "fileSystem is null");
        List<DataDir> dirs = DataDirs.open(name, config, fileSystem);
        for (DataDir dir : dirs) {
            try {
                LeftoverTempFiles.removeFrom(dir.realPath());
            } catch (IOException e) {
                // The store still reads and writes; the leftovers are retried on the next open.
                LOG.warn("Store '{}': cannot remove the temp files of unfinished adds from {}: {}", name, dir, e.toString());
            }
        }
        return new FileStore(name, dirs, config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(FileUris.SCHEME);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean owns(Location location) {
        requireNonNull(location, "location is null");
        return locator.locate(location).isPresent();
    }

    // ---------------------------------------------------------------- add

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        requireNonNull(id, "id is null");
        requireNonNull(data, "data is null");
        requireNonNull(options, "options is null");
        ensureOpen();
        checkFileNames(id);
        failIfExists(id);
        DataDir dir = chooseDir(id, options.expectedSize());
        Location location = locator.location(dir, id);
        String action = "Adding object '" + id + "' to data dir " + dir + " of store '" + name + "'";
        AtomicFile temp = createTemp(dir, id, action);
        try (temp) {
            long size = write(temp, dir, data, action);
            seal(temp, dir, action);
            publish(temp, dir, id, location, action);
            return StoredObject.of(id, location, size);
        }
    }

    /** Refuses an id whose file name would be too long in a dir that escapes upper case (it takes two characters there). */
    private void checkFileNames(ObjectId id) throws InvalidIdException {
        for (DataDir dir : dirs) {
            int length = dir.fileName(id).length();
            if (length > ObjectFileNaming.MAX_FILE_NAME) {
                throw new InvalidIdException("Object id '" + id + "' is refused by store '" + name + "': data dir " + dir
                        + " escapes upper-case letters and '_' in file names (its filesystem folds case), so the object's"
                        + " file name would have " + length + " characters, more than the " + ObjectFileNaming.MAX_FILE_NAME
                        + " a file name may have");
            }
        }
    }

    /** Refuses an id already taken before anything is written; the exclusive publish is what guarantees it. */
    private void failIfExists(ObjectId id) throws StoreException {
        for (DataDir dir : dirs) {
            if (dir.holds(id)) {
                throw new ObjectAlreadyExistsException("Object '" + id + "' already exists in store '" + name + "': "
                        + locator.location(dir, id));
            }
        }
    }

    private DataDir chooseDir(ObjectId id, OptionalLong expectedSize) throws StoreException {
        List<DataDirChooser.Option<DataDir>> options = new ArrayList<>();
        for (DataDir dir : dirs) {
            try {
                options.add(new DataDirChooser.Option<>(dir, dir.priority(), dir.usableSpace()));
            } catch (IOException e) {
                throw FilesystemErrors.readFailure("Reading the free space of data dir " + dir + " of store '" + name + "'", e);
            }
        }
        return DataDirChooser.choose(options, expectedSize.orElse(0)).orElseThrow(() -> new StorageFullException(
                "No data dir of store '" + name + "' has room for object '" + id + "' ("
                        + (expectedSize.isPresent() ? expectedSize.getAsLong() + " bytes" : "size unknown") + "; free: "
                        + options.stream().map(o -> o.dir() + " " + o.usableSpace() + " bytes")
                                .collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * The add's temp file, in the dir by its real path (stores in this JVM that name the dir
     * differently still see each other's temp files), locked while it is written, published
     * exclusively: never over an object, nor while the id is in another dir.
     */
    private AtomicFile createTemp(DataDir dir, ObjectId id, String action) throws StoreException {
        List<Path> inOtherDirs = dirs.stream().filter(other -> other != dir).map(other -> other.objectPath(id)).toList();
        AtomicFileOptions.Builder options = TempFile.named(id.value()).lockedWhileOpen().exclusive(lock, inOtherDirs);
        if (permissions.isPresent()) {
            options.ownerOnly();
        }
        try {
            return AtomicFile.create(dir.realPath().resolve(dir.fileName(id)), options.build());
        } catch (FileLockUnavailableException e) {
            throw refused(action, e, "without a lock on its temp file, a store opening the dir in another process could"
                    + " remove the file while it is written");
        } catch (IOException e) {
            throw FilesystemErrors.writeFailure(action, dir, e, 1);
        }
    }

    /** Copies the source to its end into the temp file; whatever the source throws passes through. */
    private long write(AtomicFile temp, DataDir dir, InputStream data, String action) throws IOException {
        try {
            return copy.copy(data, temp.channel(), () -> temp.channel().force(false));
        } catch (ChannelWriteException e) {
            throw FilesystemErrors.writeFailure(action, dir, e.getCause(), bufferSize);
        } catch (OperationInterruptedException e) {
            throw FilesystemErrors.interrupted(action, e);
        } catch (RejectedExecutionException e) {
            throw new StoreException(action + " failed: the store is closed", e);
        }
    }

    /** Final permissions, then fsync: the data and the metadata are durable before the object has a name. */
    private void seal(AtomicFile temp, DataDir dir, String action) throws StoreException {
        try {
            if (permissions.isPresent()) {
                Files.setPosixFilePermissions(temp.temp(), permissions.get());
            }
            temp.force();
        } catch (IOException e) {
            throw FilesystemErrors.writeFailure(action, dir, e, bufferSize);
        }
    }

    /**
     * Publishes exclusively and fsyncs the dir; an interrupt does not stop that sync (the add has
     * committed). Where publishing needs the store lock and the filesystem gives none, the add is
     * refused instead of publishing unguarded. If the dir sync fails, the add fails, but the
     * object stays: it is visible from the moment it was published, a reader may hold it already,
     * and an object once visible stays until it is deleted. The error says so and names its
     * location.
     */
    private void publish(AtomicFile temp, DataDir dir, ObjectId id, Location location, String action)
            throws StoreException {
        try {
            temp.publish();
        } catch (FileAlreadyExistsException e) {
            throw new ObjectAlreadyExistsException("Object '" + id + "' already exists in store '" + name + "'");
        } catch (FileLockUnavailableException e) {
            throw refused(action, e, "publishing into it needs the store lock, without which an add of the same id in"
                    + " another process could pass the same check and one object replace the other");
        } catch (IOException e) {
            if (!temp.published()) {
                throw FilesystemErrors.writeFailure(action, dir, e, 1);
            }
            StoreException failure = new StoreException(action + " failed after the object was published: syncing the"
                    + " data dir failed (" + e.getCause() + "), so the object may not survive a crash. It is readable and"
                    + " stays until deleted: " + location, e);
            LOG.warn("{}", failure.getMessage());
            throw failure;
        }
    }

    private StoreException refused(String action, FileLockUnavailableException cause, String why) {
        StoreException refusal = new StoreException(action + " is refused: " + cause.getMessage() + "; " + why, cause);
        LOG.warn("{}", refusal.getMessage());
        return refusal;
    }

    // ---------------------------------------------------------------- get, size, delete

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        requireNonNull(location, "location is null");
        requireNonNull(range, "range is null");
        ensureOpen();
        return ObjectFileReader.open(locator.existingFile(location), location, range);
    }

    @Override
    public long size(Location location) throws IOException {
        requireNonNull(location, "location is null");
        ensureOpen();
        return ObjectLocator.attributes(locator.existingFile(location), location).size();
    }

    @Override
    public void delete(Location location) throws IOException {
        requireNonNull(location, "location is null");
        ensureOpen();
        ObjectLocator.ObjectPath object = locator.deletable(location);
        Path path = object.dir().objectPath(object.id());
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            throw FilesystemErrors.notFound(location);
        } catch (IOException e) {
            throw FilesystemErrors.readFailure("Deleting " + location, e);
        }
        try {
            AtomicFile.syncDirectory(object.dir().path());
        } catch (IOException e) {
            // The object is gone; only the durability of its removal is in doubt.
            LOG.warn("Store '{}': deleted {}, but syncing {} failed: {}", name, location, object.dir(), e.toString());
        }
    }

    /**
     * Deletes the object {@code id} from whichever data dir holds it. Temp files of an add whose
     * process died are not named by the id alone; the next open of the store removes them (see
     * {@link LeftoverTempFiles}).
     */
    @Override
    public void discard(ObjectId id) throws IOException {
        requireNonNull(id, "id is null");
        ensureOpen();
        for (DataDir dir : dirs) {
            try {
                delete(locator.location(dir, id));
            } catch (ObjectNotFoundException e) {
                // not in this dir, or removed meanwhile: what discard wants
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    private void ensureOpen() throws StoreException {
        if (closed.get()) {
            throw new StoreException("Store '" + name + "' is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            writerThreads.shutdown();
        }
    }

    @Override
    public String toString() {
        return "FileStore[" + name + ", dirs=" + dirs + "]";
    }
}
