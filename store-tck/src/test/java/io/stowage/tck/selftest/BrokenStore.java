package io.stowage.tck.selftest;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.tck.memory.MemoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * A memory store with one deliberate defect, for the TCK's self-test: each {@link Defect}
 * breaks one rule of the store contract, and the TCK must notice.
 */
final class BrokenStore implements Store {
    enum Defect {
        /** Keeps all but the last byte of every object. */
        TRUNCATES_LAST_BYTE,
        /** Reads ranges from the start of the object, whatever the offset. */
        IGNORES_RANGE_OFFSET,
        /** Keeps what it read when an add fails. */
        LEAVES_PARTIAL_OBJECT,
        /** Replaces an existing object on a duplicate add. */
        LETS_DUPLICATE_OVERWRITE,
        /** Reports one byte more than the object holds. */
        REPORTS_WRONG_SIZE,
        /** Never releases the backend stream of a read. */
        LEAKS_STREAMS,
        /** Does not check the expected checksum. */
        IGNORES_EXPECTED_CHECKSUM,
        /** Serves ranges although it does not declare RANGE_READ. */
        SERVES_UNDECLARED_RANGES,
        /** Answers "not found" for locations of other schemes instead of refusing them. */
        ACCEPTS_FOREIGN_SCHEMES,
        /** Wraps the caller's source failure in a store error. */
        HIDES_SOURCE_FAILURES,
        /** Closes the caller's source. */
        CLOSES_THE_SOURCE
    }

    private final MemoryStore memory;
    private final Defect defect;

    BrokenStore(MemoryStore memory, Defect defect) {
        this.memory = memory;
        this.defect = defect;
    }

    @Override
    public String name() {
        return memory.name();
    }

    @Override
    public Set<String> schemes() {
        return memory.schemes();
    }

    @Override
    public Set<Capability> capabilities() {
        if (defect == Defect.SERVES_UNDECLARED_RANGES) {
            Set<Capability> declared = EnumSet.copyOf(memory.capabilities());
            declared.remove(Capability.RANGE_READ);
            return declared;
        }
        return memory.capabilities();
    }

    @Override
    public boolean owns(Location location) {
        return memory.owns(location);
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        switch (defect) {
            case TRUNCATES_LAST_BYTE -> {
                byte[] bytes = data.readAllBytes();
                StoredObject stored = memory.add(id, new ByteArrayInputStream(bytes, 0, Math.max(0, bytes.length - 1)),
                        AddOptions.builder().build());
                return new StoredObject(id, stored.location(), bytes.length, Checksummed.of(bytes, options));
            }
            case LEAVES_PARTIAL_OBJECT -> {
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                InputStream recording = new FilterInputStream(data) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            seen.write(buffer, offset, n);
                        }
                        return n;
                    }
                };
                try {
                    return memory.add(id, recording, options);
                } catch (IOException | RuntimeException e) {
                    memory.seed(id, new ByteArrayInputStream(seen.toByteArray()), AddOptions.defaults());
                    throw e;
                }
            }
            case LETS_DUPLICATE_OVERWRITE -> {
                if (memory.ids().contains(id)) {
                    memory.unseed(memory.locationOf(id));
                }
                return memory.add(id, data, options);
            }
            case IGNORES_EXPECTED_CHECKSUM -> {
                AddOptions lax = new AddOptions(options.expectedSize(), java.util.Optional.empty(), options.sizeLimit(),
                        options.checksumAlgorithms(), options.metadata(), options.progress());
                return memory.add(id, data, lax);
            }
            case HIDES_SOURCE_FAILURES -> {
                try {
                    return memory.add(id, data, options);
                } catch (StoreException e) {
                    throw e;
                } catch (IOException e) {
                    throw new StoreException("Adding " + id + " failed", e);
                }
            }
            case CLOSES_THE_SOURCE -> {
                try (InputStream closing = data) {
                    return memory.add(id, closing, options);
                }
            }
            default -> {
                return memory.add(id, data, options);
            }
        }
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        switch (defect) {
            case TRUNCATES_LAST_BYTE, REPORTS_WRONG_SIZE, LEAKS_STREAMS, IGNORES_RANGE_OFFSET -> {
                return brokenRead(location, range);
            }
            case ACCEPTS_FOREIGN_SCHEMES -> {
                refuseAsNotFound(location);
                return memory.get(location, range);
            }
            default -> {
                return memory.get(location, range);
            }
        }
    }

    private ObjectStream brokenRead(Location location, ByteRange range) throws IOException {
        long size = size(location);
        long length = range.lengthWithin(size, location);
        long actualSize = memory.size(location);
        switch (defect) {
            case IGNORES_RANGE_OFFSET -> {
                ObjectStream data = memory.get(location, ByteRange.of(0, length));
                return new ObjectStream(data, location, size, range.offset(), length);
            }
            case LEAKS_STREAMS -> {
                ObjectStream data = memory.get(location, range);
                InputStream leaking = new FilterInputStream(data) {
                    @Override
                    public void close() {
                        // the backend stream stays open
                    }
                };
                return new ObjectStream(leaking, location, size, range.offset(), length);
            }
            default -> {
                // TRUNCATES_LAST_BYTE: the memory object lacks the byte already; REPORTS_WRONG_SIZE pads one byte.
                long fromBackend = Math.max(0, Math.min(length, actualSize - range.offset()));
                InputStream data = memory.get(location, ByteRange.of(Math.min(range.offset(), actualSize), fromBackend));
                if (fromBackend < length) {
                    data = new java.io.SequenceInputStream(data, new ByteArrayInputStream(new byte[(int) (length - fromBackend)]));
                }
                return new ObjectStream(data, location, size, range.offset(), length);
            }
        }
    }

    @Override
    public long size(Location location) throws IOException {
        if (defect == Defect.ACCEPTS_FOREIGN_SCHEMES) {
            refuseAsNotFound(location);
        }
        long size = memory.size(location);
        return defect == Defect.REPORTS_WRONG_SIZE ? size + 1 : size;
    }

    @Override
    public void delete(Location location) throws IOException {
        if (defect == Defect.ACCEPTS_FOREIGN_SCHEMES) {
            refuseAsNotFound(location);
        }
        memory.delete(location);
    }

    @Override
    public void close() {
        memory.close();
    }

    private void refuseAsNotFound(Location location) throws ObjectNotFoundException {
        if (!memory.schemes().contains(location.scheme())) {
            throw new ObjectNotFoundException("Object not found: " + location);
        }
    }

    /** The checksums a correct store would have computed. */
    private static final class Checksummed {
        static io.stowage.Checksums of(byte[] bytes, AddOptions options) throws StoreException {
            io.stowage.integrity.ContentVerifier verifier = io.stowage.integrity.ContentVerifier.of("broken",
                    java.util.OptionalLong.empty(), java.util.Optional.empty(), java.util.OptionalLong.empty(),
                    options.checksumAlgorithms(), io.stowage.ProgressListener.NONE);
            verifier.update(bytes, 0, bytes.length);
            return verifier.finish().checksums();
        }
    }
}
