package io.stowage.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Capability;
import io.stowage.ContractEnforcingStore;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;

/**
 * The fixture under every part of {@link StoreContractTest}: one environment and one store per
 * test class; after each test the objects it put in are removed, and the store must hold
 * nothing open ({@link StoreTckEnvironment#openResources}), the backend must be empty
 * ({@link StoreTckEnvironment#assertEmpty}), and every failure the store reported must have
 * been in the error family and free of the environment's secrets ({@link ObservedStore}).
 * Tests are skipped only where the declared {@link StoreProfile} says so ({@link #requires});
 * {@link SkipAccounting} fails the class for any other skip. Also the helpers the parts (and a
 * backend's own tests) put objects in and read them back with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SkipAccounting.class)
abstract class StoreContractFixture {
    private StoreTckEnvironment environment;
    private StoreProfile profile;
    private Store backend;
    private ObservedStore store;
    private final List<SecondInstance> otherInstances = new CopyOnWriteArrayList<>();
    private final List<Location> created = new CopyOnWriteArrayList<>();
    private long seeds;

    /**
     * The environment of the backend under test; called once per test class.
     *
     * @return a new environment of the backend under test
     * @throws Exception if the environment fails; the test fails
     */
    protected abstract StoreTckEnvironment environment() throws Exception;

    /**
     * The store under test, for tests a backend adds in its subclass; its calls are watched like the
     * contract's. In {@link StoreContractTest} it is the environment's store behind a
     * {@link ContractEnforcingStore}, as the registry serves it; in its {@code BareBackend} part it is
     * the environment's store itself.
     *
     * @return the store under test
     */
    protected final Store store() {
        return store;
    }

    /**
     * Whether the tests run against the environment's store behind a {@link ContractEnforcingStore}
     * (the whole contract) or against the store itself (the backend's share of it).
     */
    boolean enforcesContract() {
        return true;
    }

    /** The store the tests call: {@code created}, behind the decorator when the contract is enforced. */
    private Store underTest(Store created) {
        return enforcesContract() ? ContractEnforcingStore.wrap(created) : created;
    }

    /**
     * The environment {@link #environment()} returned.
     *
     * @return the environment
     */
    protected final StoreTckEnvironment tckEnvironment() {
        return environment;
    }

    @BeforeAll
    final void createStore() throws Exception {
        try {
            environment = requireNonNull(environment(), "environment() returned null");
            profile = requireNonNull(environment.profile(), "profile() returned null");
            backend = requireNonNull(environment.createStore(), "createStore() returned null");
            store = new ObservedStore(underTest(backend), new SecretScan(environment.secrets()));
        } catch (TestAbortedException e) {
            throw new AssertionError("The environment skipped the whole store contract (" + e.getMessage() + "): a suite"
                    + " that cannot reach its server must fail, and the TCK skips only what the declared profile leaves out", e);
        }
    }

    @AfterAll
    final void closeStore() throws Exception {
        try (AutoCloseable closingEnvironment = environment; Store closingStore = backend) {
            // both closed, the store first
        }
    }

    @AfterEach
    final void removeObjectsAndCheckEmpty() throws Exception {
        List<Location> leftovers = new ArrayList<>(created);
        created.clear();
        for (Location location : leftovers) {
            try {
                environment.remove(backend, location);
            } catch (ObjectNotFoundException alreadyGone) {
                // the test deleted it itself
            }
        }
        try {
            for (SecondInstance other : otherInstances) {
                assertThat(environment.openResources(other.backend())).as("streams and connections the second store holds open")
                        .isZero();
                other.observed().assertClean();
            }
            assertNothingOpen();
            environment.assertEmpty(backend);
            store.assertClean();
        } finally {
            for (SecondInstance other : otherInstances) {
                other.backend().close();
            }
            otherInstances.clear();
        }
    }

    /** The profile the environment declared. */
    final StoreProfile declaredProfile() {
        return profile;
    }

    /** Fails unless the store under test holds no stream, file handle or connection open. */
    final void assertNothingOpen() throws Exception {
        assertThat(environment.openResources(backend)).as("streams, files and connections the store holds open")
                .isZero();
    }

    /** Fails unless the backend is empty and nothing is open: what the end of every test checks. */
    final void assertBackendEmpty() throws Exception {
        assertNothingOpen();
        environment.assertEmpty(backend);
    }

    /** The store the environment created, unwatched and unwrapped: for environment calls that need it as it is. */
    final Store backendStore() {
        return backend;
    }

    /**
     * Another store on the same backend (a second process or node), watched like the first;
     * checked and closed after the test.
     */
    final Store openSecondInstance() throws Exception {
        Store created = requireNonNull(environment.createStore(), "createStore() returned null");
        ObservedStore other = new ObservedStore(underTest(created), new SecretScan(environment.secrets()));
        otherInstances.add(new SecondInstance(created, other));
        return other;
    }

    /** A second store on the backend: as the environment created it, and as the tests call it. */
    private record SecondInstance(Store backend, ObservedStore observed) {}

    /**
     * 0, 1, 2, the boundary sizes and the large size.
     *
     * @return the sizes in bytes
     */
    protected Stream<Long> sizes() {
        TreeSet<Long> sizes = new TreeSet<>(List.of(0L, 1L, 2L));
        sizes.addAll(environment.boundarySizes());
        sizes.add(environment.largeSize());
        return sizes.stream();
    }

    /**
     * Whether the declared profile has {@code capability}.
     *
     * @param capability the capability
     * @return whether the profile has it
     */
    protected final boolean has(Capability capability) {
        return profile.capabilities().contains(capability);
    }

    /**
     * Skips the test, as the profile explains, unless the profile has every one of {@code capabilities}.
     *
     * @param capabilities the capabilities
     */
    protected final void requires(Capability... capabilities) {
        for (Capability capability : capabilities) {
            if (!has(capability)) {
                throw new ProfileSkip("the profile " + profile + " lacks " + capability);
            }
        }
    }

    /**
     * Skips the test, as the profile explains, when the profile has {@code capability} (a refusal test).
     *
     * @param capability the capability
     */
    protected final void requiresMissing(Capability capability) {
        if (has(capability)) {
            throw new ProfileSkip("the profile " + profile + " has " + capability + ": nothing to refuse");
        }
    }

    /** Skips the test, as the profile explains, unless the store's locations name ids. */
    protected final void requiresIdLocations() {
        if (!profile.locationsNameIds()) {
            throw new ProfileSkip("the profile " + profile + " serves URLs that name no id");
        }
    }

    /**
     * A fresh id that no test used.
     *
     * @return a new random id
     */
    protected static ObjectId newId() {
        return ObjectId.random();
    }

    /**
     * A seed no other payload of this test class used.
     *
     * @return a new seed
     */
    protected final synchronized long nextSeed() {
        return ++seeds * 0x5DEECE66DL;
    }

    /**
     * Puts {@code payload} in (add when the store writes, else seed); removed after the test.
     *
     * @param id the id
     * @param payload the data to put in
     * @return the location of the object
     * @throws Exception if the environment fails; the test fails
     */
    protected final Location put(ObjectId id, Payload payload) throws Exception {
        if (has(Capability.WRITE)) {
            StoredObject stored = add(id, payload.open(), AddOptions.builder().expectedSize(payload.size()).build());
            return stored.location();
        }
        return track(environment.seed(backend, id, payload.open(), payload.size()));
    }

    /**
     * Adds through the store; the object is removed after the test.
     *
     * @param id the id
     * @param data the bytes, read to the end
     * @param options the add's options
     * @return the stored object
     * @throws IOException if reading fails
     */
    protected final StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        return add(store, id, data, options);
    }

    /** Adds through {@code target} (the store or a second instance); the object is removed after the test. */
    final StoredObject add(Store target, ObjectId id, InputStream data, AddOptions options) throws IOException {
        StoredObject stored = target.add(id, data, options);
        track(stored.location());
        return stored;
    }

    /**
     * Removes an object the test put in (delete when the store deletes, else through the environment).
     *
     * @param location the location
     * @throws Exception if the environment fails; the test fails
     */
    protected final void delete(Location location) throws Exception {
        if (has(Capability.DELETE)) {
            store.delete(location);
        } else {
            environment.remove(backend, location);
        }
    }

    /**
     * Reads the whole object and compares it with {@code payload}.
     *
     * @param location the location
     * @param payload the data to put in
     * @throws IOException if reading fails
     */
    protected final void assertReads(Location location, Payload payload) throws IOException {
        assertReads(store, location, payload);
    }

    /** Reads the whole object through {@code target} and compares it with {@code payload}. */
    final void assertReads(Store target, Location location, Payload payload) throws IOException {
        try (ObjectStream stream = target.get(location)) {
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
