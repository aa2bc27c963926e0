package io.stowage.tck.selftest;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.memory.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** A store that forwards everything to a memory store; the self-test's stores override what they break or count. */
abstract class ForwardingStore implements Store {
    final MemoryStore memory;

    ForwardingStore(MemoryStore memory) {
        this.memory = requireNonNull(memory, "memory is null");
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
        return memory.capabilities();
    }

    @Override
    public boolean owns(Location location) {
        return memory.owns(location);
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        return memory.add(id, data, options);
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        return memory.get(location, range);
    }

    @Override
    public long size(Location location) throws IOException {
        return memory.size(location);
    }

    @Override
    public void delete(Location location) throws IOException {
        memory.delete(location);
    }

    @Override
    public void discard(ObjectId id) throws IOException {
        memory.discard(id);
    }

    @Override
    public void close() {
        memory.close();
    }
}
