package io.stowage.tck.selftest;

import io.stowage.AddOptions;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;

/** How a {@link BrokenStore} with an add defect adds. */
final class BrokenAdds {
    /** Serialises the overwrites of the racy stores, so that every racer that got past the check overwrites. */
    private static final Object OVERWRITES = new Object();

    private BrokenAdds() {}

    static StoredObject add(Defect defect, MemoryStore memory, Set<ObjectId> reserved, ObjectId id, InputStream data,
            AddOptions options) throws IOException {
        switch (defect) {
            case TRUNCATES_LAST_BYTE -> {
                byte[] bytes = data.readAllBytes();
                StoredObject stored = memory.add(id, new ByteArrayInputStream(bytes, 0, Math.max(0, bytes.length - 1)),
                        AddOptions.defaults());
                return StoredObject.of(id, stored.location(), bytes.length);
            }
            case PUBLISHES_BEFORE_THE_END -> {
                if (options.expectedSize().isEmpty()) {
                    return memory.add(id, data, options);
                }
                byte[] declared = data.readNBytes((int) options.expectedSize().getAsLong());
                return memory.add(id, new ByteArrayInputStream(declared), options);
            }
            case LEAVES_PARTIAL_OBJECT -> {
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                try {
                    return memory.add(id, recording(data, seen), options);
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
            case RACY_CHECK_THEN_WRITE -> {
                refuseIfPresent(memory, id);
                return overwrite(memory, id, data.readAllBytes(), options);
            }
            case INSTANCE_LOCAL_RESERVATION -> {
                if (!reserved.add(id)) {
                    throw new ObjectAlreadyExistsException("Object already exists: " + memory.locationOf(id));
                }
                try {
                    refuseIfPresent(memory, id);
                    return overwrite(memory, id, data.readAllBytes(), options);
                } finally {
                    reserved.remove(id);
                }
            }
            case VISIBLE_BEFORE_COMMIT -> {
                refuseIfPresent(memory, id);
                return memory.add(id, visibleEarly(memory, id, data), options);
            }
            case SWALLOWS_INTERRUPTS -> {
                return memory.add(id, new FilterInputStream(data) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        Thread.interrupted(); // "not our business": the interrupt is lost
                        return n;
                    }
                }, options);
            }
            case LEAKS_FOREIGN_EXCEPTIONS -> {
                return memory.add(id, new FilterInputStream(data) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedIOException("interrupted"); // as a socket stream does
                        }
                        return n;
                    }
                }, options);
            }
            case BUFFERS_WHOLE_OBJECTS -> {
                return memory.add(id, new ByteArrayInputStream(data.readAllBytes()), options);
            }
            default -> {
                return memory.add(id, data, options);
            }
        }
    }

    private static void refuseIfPresent(MemoryStore memory, ObjectId id) throws ObjectAlreadyExistsException {
        if (memory.ids().contains(id)) {
            throw new ObjectAlreadyExistsException("Object already exists: " + memory.locationOf(id));
        }
    }

    /** Writes whatever is there, replacing what another add wrote meanwhile. */
    private static StoredObject overwrite(MemoryStore memory, ObjectId id, byte[] bytes, AddOptions options) throws IOException {
        synchronized (OVERWRITES) {
            if (memory.ids().contains(id)) {
                memory.unseed(memory.locationOf(id));
            }
            return memory.seed(id, new ByteArrayInputStream(bytes), options);
        }
    }

    /** The source, with what was read so far made readable under {@code id} after its first data. */
    private static InputStream visibleEarly(MemoryStore memory, ObjectId id, InputStream data) {
        return new FilterInputStream(data) {
            private boolean shown;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0 && !shown) {
                    shown = true;
                    memory.seed(id, new ByteArrayInputStream(buffer, offset, n), AddOptions.defaults());
                } else if (n < 0 && shown) {
                    shown = false;
                    memory.unseed(memory.locationOf(id)); // the whole object takes its place now
                }
                return n;
            }
        };
    }

    private static InputStream recording(InputStream data, ByteArrayOutputStream seen) {
        return new FilterInputStream(data) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    seen.write(buffer, offset, n);
                }
                return n;
            }
        };
    }
}
