package io.stowage.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixture under every part of {@link StoreContractTest}: one environment and one store per
 * test class, the objects each test put in removed after it and
 * {@link StoreTckEnvironment#assertEmpty} checked, and the helpers the parts (and a backend's
 * own tests) put objects in and read them back with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractFixture {
    private StoreTckEnvironment environment;
    private Store store;
    private final List<Location> created = new CopyOnWriteArrayList<>();
    private long seeds;

    /** The environment of the backend under test; called once per test class. */
    protected abstract StoreTckEnvironment environment() throws Exception;

    /** The store under test, for tests a backend adds in its subclass. */
    protected final Store store() {
        return store;
    }

    /** The environment {@link #environment()} returned. */
    protected final StoreTckEnvironment tckEnvironment() {
        return environment;
    }

    @BeforeAll
    final void createStore() throws Exception {
        environment = requireNonNull(environment(), "environment() returned null");
        store = requireNonNull(environment.createStore(), "createStore() returned null");
    }

    @AfterAll
    final void closeStore() throws Exception {
        try (AutoCloseable closingEnvironment = environment; Store closingStore = store) {
            // both closed, the store first
        }
    }

    @AfterEach
    final void removeObjectsAndCheckEmpty() throws Exception {
        List<Location> leftovers = new ArrayList<>(created);
        created.clear();
        for (Location location : leftovers) {
            try {
                environment.remove(store, location);
            } catch (ObjectNotFoundException alreadyGone) {
                // the test deleted it itself
            }
        }
        environment.assertEmpty(store);
    }

    /** 0, 1, 2, the boundary sizes and the large size. */
    protected Stream<Long> sizes() {
        TreeSet<Long> sizes = new TreeSet<>(List.of(0L, 1L, 2L));
        sizes.addAll(environment.boundarySizes());
        sizes.add(environment.largeSize());
        return sizes.stream();
    }

    /** Whether the environment says the server supports {@code capability}. */
    protected final boolean has(Capability capability) {
        return environment.capabilities().contains(capability);
    }

    /** A fresh id that no test used. */
    protected static ObjectId newId() {
        return ObjectId.random();
    }

    /** A seed no other payload of this test class used. */
    protected final synchronized long nextSeed() {
        return ++seeds * 0x5DEECE66DL;
    }

    /** Puts {@code payload} in (add when the store writes, else seed); removed after the test. */
    protected final Location put(ObjectId id, Payload payload) throws Exception {
        if (has(Capability.WRITE)) {
            StoredObject stored = add(id, payload.open(), AddOptions.builder().expectedSize(payload.size()).build());
            return stored.location();
        }
        return track(environment.seed(store, id, payload.open(), payload.size()));
    }

    /** Adds through the store; the object is removed after the test. */
    protected final StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        StoredObject stored = store.add(id, data, options);
        track(stored.location());
        return stored;
    }

    /** Removes an object the test put in (delete when the store deletes, else through the environment). */
    protected final void delete(Location location) throws Exception {
        if (has(Capability.DELETE)) {
            store.delete(location);
        } else {
            environment.remove(store, location);
        }
    }

    /** Reads the whole object and compares it with {@code payload}. */
    protected final void assertReads(Location location, Payload payload) throws IOException {
        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.objectSize()).as("object size of %s", location).isEqualTo(payload.size());
            assertThat(stream.length()).as("read length of %s", location).isEqualTo(payload.size());
            assertThat(stream.offset()).as("read offset of %s", location).isZero();
            assertThat(payload.mismatch(stream)).as("data of %s", location).isEmpty();
        }
    }

    /** Has {@code location} removed after the test (for objects the environment seeded). */
    final Location track(Location location) {
        created.add(location);
        return location;
    }
}
