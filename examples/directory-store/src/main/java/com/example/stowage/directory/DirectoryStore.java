package com.example.stowage.directory;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * Objects as files in one directory: {@code dirstore://<store name>/<id>} is {@code <root>/<id>}.
 * An add copies its source to the end into a hidden temp file, syncs it, and publishes it with a
 * hard link, which fails if the id exists — so a half-written object is never visible and of two
 * racing adds (also through two stores on the directory) exactly one wins. Checksums, expected
 * sizes, the size cap, metadata and refusing what it does not declare are the framework's: the
 * registry puts every store behind a {@code ContractEnforcingStore}. A file channel used on an
 * interrupted thread closes itself and throws {@link ClosedByInterruptException}; the store
 * reports that as {@link OperationInterruptedException}, as every store must.
 */
final class DirectoryStore implements Store {
    static final String SCHEME = "dirstore";

    private final String name;
    private final Path root;

    DirectoryStore(String name, Path root) {
        this.name = requireNonNull(name, "name is null");
        this.root = requireNonNull(root, "root is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public boolean owns(Location location) {
        return idOf(location) != null;
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        Path temp = Files.createTempFile(root, ".add-", ".tmp");
        try {
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                size = data.transferTo(Channels.newOutputStream(channel)); // to the end: the last read may throw too
                channel.force(true);
            }
            Files.createLink(root.resolve(id.value()), temp);  // fails if the id exists: one winner
            return StoredObject.of(id, locationOf(id), size);
        } catch (FileAlreadyExistsException e) {
            throw new ObjectAlreadyExistsException("Object already exists: " + locationOf(id));
        } catch (ClosedByInterruptException e) {
            throw interrupted("Adding " + locationOf(id), e);
        } finally {
            Files.deleteIfExists(temp);                // on success and on every failure
        }
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        FileChannel channel = open(location);
        try {
            long size = size(channel, location);
            long length = range.lengthWithin(size, location);
            channel.position(range.offset());
            return new ObjectStream(new InterruptMappingStream(Channels.newInputStream(channel), location), location, size,
                    range.offset(), length);
        } catch (ClosedByInterruptException e) {
            throw interrupted("Reading " + location, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size(Location location) throws IOException {
        try (FileChannel channel = open(location)) {
            return size(channel, location);
        }
    }

    @Override
    public void delete(Location location) throws IOException {
        try {
            Files.delete(pathOf(location));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    /** The temp file of an add cut short by a crash carries no id; only the object can be found. */
    @Override
    public void discard(ObjectId id) throws IOException {
        Files.deleteIfExists(root.resolve(id.value()));
    }

    @Override
    public void close() {
        // nothing held between calls
    }

    private static long size(FileChannel channel, Location location) throws IOException {
        try {
            return channel.size();
        } catch (ClosedByInterruptException e) {
            throw interrupted("Reading the size of " + location, e);
        }
    }

    /** The interrupt status stays set: a ClosedByInterruptException is thrown only when it is. */
    static OperationInterruptedException interrupted(String operation, ClosedByInterruptException e) {
        return new OperationInterruptedException(operation + " was interrupted", e);
    }

    private FileChannel open(Location location) throws IOException {
        try {
            return FileChannel.open(pathOf(location), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    private Location locationOf(ObjectId id) {
        return Location.of(URI.create(SCHEME + "://" + name + "/" + id.value()));
    }

    /** The file of a location this store owns; anything else is refused before the disk is touched. */
    private Path pathOf(Location location) throws StoreException {
        String id = idOf(location);
        if (id == null) {
            throw new InvalidLocationException("Store '" + name + "' does not hold " + location);
        }
        return root.resolve(id);
    }

    /** The id a location names, or null when it is not a location of this store. */
    private String idOf(Location location) {
        URI uri = location.uri();
        String path = uri.getRawPath();
        if (!SCHEME.equals(location.scheme()) || !name.equals(uri.getRawAuthority()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || path == null || !path.startsWith("/")) {
            return null;
        }
        String id = path.substring(1);
        return ObjectId.isValid(id) ? id : null;
    }
}
