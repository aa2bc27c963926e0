package io.stowage.tck.net;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.AddOptions;
import io.stowage.BackendUnavailableException;
import io.stowage.Capability;
import io.stowage.ContractEnforcingStore;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fault suite for network backends: a {@link TcpFaultProxy} between the store's client
 * and its server cuts, stalls, throttles and refuses connections, and the store must never
 * return wrong or short data, never hang, never leave a partial object, and report what it
 * cannot do with the error family ({@link BackendUnavailableException} when the server cannot
 * be reached). A network backend opts in:
 *
 * <pre>{@code
 * class S3StoreNetworkFaultTest extends NetworkFaultTest {
 *     @Override
 *     protected NetworkFaultTckEnvironment environment() {
 *         return new S3NetworkFaultTckEnvironment();
 *     }
 * }
 * }</pre>
 *
 * One proxy, environment and store per test class; every fault is healed after each test,
 * then the objects put in are removed and {@link NetworkFaultTckEnvironment#assertEmpty} must pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NetworkFaultTest {
    /** The system property that fixes the seed of {@link #cutsAtRandomOffsetsGiveWholeDataOrAStoreError}. */
    public static final String SEED_PROPERTY = "stowage.faults.seed";
    private static final int RANDOM_CUT_ROUNDS = 4;

    private NetworkFaultTckEnvironment environment;
    private TcpFaultProxy proxy;
    private Store backend;
    private Store store;
    private final List<Location> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long seeds;

    /**
     * The environment of the backend under test; called once per test class.
     *
     * @return a new environment of the backend under test
     * @throws Exception if the environment fails; the test fails
     */
    protected abstract NetworkFaultTckEnvironment environment() throws Exception;

    /**
     * The proxy between the store and its server, for tests a backend adds.
     *
     * @return the proxy
     */
    protected final TcpFaultProxy proxy() {
        return proxy;
    }

    /**
     * The store under test (talking through the proxy), behind the contract decorator.
     *
     * @return the store under test
     */
    protected final Store store() {
        return store;
    }

    @BeforeAll
    final void startProxyAndStore() throws Exception {
        environment = requireNonNull(environment(), "environment() returned null");
        proxy = TcpFaultProxy.start(environment.serverAddress());
        backend = requireNonNull(environment.createStore(proxy.address()), "createStore() returned null");
        store = ContractEnforcingStore.wrap(backend);
    }

    @AfterAll
    final void stop() throws Exception {
        try (AutoCloseable closingEnvironment = environment; TcpFaultProxy closingProxy = proxy; Store closingStore = backend) {
            // closed in reverse order: the store, the proxy, the environment
        }
    }

    @AfterEach
    final void healAndCheckEmpty() throws Exception {
        proxy.cutAll(); // bytes held by a stall are dropped, never delivered late
        proxy.heal();
        List<Location> leftovers = new ArrayList<>(created);
        created.clear();
        for (Location location : leftovers) {
            try {
                environment.remove(backend, location);
            } catch (ObjectNotFoundException alreadyGone) {
                // the test removed it
            }
        }
        environment.assertEmpty(backend);
    }

    @Test
    void worksThroughTheProxy() throws Exception {
        Payload payload = Payload.of(environment.objectSize(), nextSeed());
        Location location = put(payload);

        assertReads(location, payload);
        assertThat(proxy.connectionsAccepted()).as("connections through the proxy").isPositive();
    }

    @Test
    void aReadCutMidBodyNeverYieldsWrongOrShortData() throws Exception {
        Payload payload = Payload.of(environment.objectSize(), nextSeed());
        Location location = put(payload);
        proxy.cutAfter(payload.size() / 2);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Throwable failure = catchThrowable(() -> {
            try (ObjectStream stream = store.get(location)) {
                stream.transferTo(received);
            }
        });

        byte[] bytes = received.toByteArray();
        if (failure == null) {
            assertThat(bytes.length).as("bytes of a read that succeeded across a cut").isEqualTo(payload.size());
        } else {
            assertThat(failure).as("failure of a read across a cut").isInstanceOf(StoreException.class);
        }
        assertThat(payload.mismatch(new java.io.ByteArrayInputStream(bytes), 0, bytes.length))
                .as("data received before or across the cut").isEmpty();
        proxy.heal();
        assertReads(location, payload);
    }

    @Test
    void anAddCutMidUploadLeavesNothingOrAWholeObject() throws Exception {
        assumeTrue(environment.capabilities().contains(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(environment.objectSize(), nextSeed());
        ObjectId id = ObjectId.random();
        proxy.cutAfter(payload.size() / 2);

        Throwable failure = catchThrowable(() -> add(id, payload.open()));

        proxy.heal();
        if (failure == null) {
            assertReads(created.get(created.size() - 1), payload);
        } else {
            assertThat(failure).as("failure of an add across a cut").isInstanceOf(StoreException.class);
            environment.assertEmpty(backend);
            StoredObject again = add(id, payload.open());
            assertReads(again.location(), payload);
        }
    }

    @Test
    void aStalledReadFailsInsteadOfHanging() throws Exception {
        Payload payload = Payload.of(environment.objectSize(), nextSeed());
        Location location = put(payload);
        proxy.stall();

        Throwable failure = assertTimeoutPreemptively(environment.hangGuard(), () -> catchThrowable(() -> {
            try (ObjectStream stream = store.get(location)) {
                stream.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }), "a read through a stalled connection hung");

        assertThat(failure).as("failure of a read through a stalled connection").isInstanceOf(StoreException.class);
        proxy.cutAll();
        proxy.heal();
        assertReads(location, payload);
    }

    @Test
    void aStalledAddFailsInsteadOfHangingAndLeavesNothing() throws Exception {
        assumeTrue(environment.capabilities().contains(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(environment.objectSize(), nextSeed());
        ObjectId id = ObjectId.random();
        proxy.stall();

        Throwable failure = assertTimeoutPreemptively(environment.hangGuard(),
                () -> catchThrowable(() -> add(id, payload.open())), "an add through a stalled connection hung");

        assertThat(failure).as("failure of an add through a stalled connection").isInstanceOf(StoreException.class);
        proxy.cutAll(); // what the stall held never reaches the server
        proxy.heal();
        environment.assertEmpty(backend);
    }

    @Test
    void throttledTransfersAreComplete() throws Exception {
        proxy.throttle(environment.throttledBytesPerSecond());
        Payload payload = Payload.of(environment.objectSize(), nextSeed());
        Location location = put(payload);

        assertReads(location, payload);
    }

    @Test
    void anUnreachableServerIsBackendUnavailable() throws Exception {
        Payload payload = Payload.of(1000, nextSeed());
        Location location = put(payload);
        proxy.refuseConnections();
        proxy.cutAll();

        Throwable failure = assertTimeoutPreemptively(environment.hangGuard(), () -> catchThrowable(() -> {
            try (ObjectStream stream = store.get(location)) {
                stream.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }), "a read from an unreachable server hung");

        assertThat(failure).isInstanceOf(BackendUnavailableException.class);
        proxy.heal();
        assertReads(location, payload);
    }

    /**
     * Cuts at random points, several rounds with seeds drawn from one seed (named in every
     * message; {@value #SEED_PROPERTY} repeats a run): an add whose connections are all cut
     * once when its source reaches a random byte, an add through connections that are each cut
     * after a random number of bytes, and the same two faults for a read. Each must give the
     * whole, correct object or a store error — never short or wrong data — and a failed add
     * leaves nothing behind (no object, no pending multipart upload) and the id free.
     */
    @Test
    void cutsAtRandomOffsetsGiveWholeDataOrAStoreError() throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, new java.util.Random().nextLong());
        java.util.Random random = new java.util.Random(seed);
        for (int round = 0; round < RANDOM_CUT_ROUNDS; round++) {
            String trial = "round " + round + " of seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + ")";
            Payload payload = Payload.of(environment.objectSize(), nextSeed());
            Location location;
            if (environment.capabilities().contains(Capability.WRITE)) {
                long cutAt = (long) (random.nextDouble() * payload.size());
                location = addThroughFault(payload, Sources.actingAfter(payload.open(), cutAt, proxy::cutAll),
                        trial + ", add cut once at source byte " + cutAt);
                environment.remove(backend, location);
                created.remove(location);
                long everyConnection = 1 + (long) (random.nextDouble() * payload.size());
                proxy.cutAfter(everyConnection);
                location = addThroughFault(payload, payload.open(),
                        trial + ", add with every connection cut after " + everyConnection + " bytes");
            } else {
                location = put(payload);
            }
            long readCut = (long) (random.nextDouble() * payload.size());
            assertReadThroughFault(location, payload, readCut, -1, trial + ", read cut once at byte " + readCut);
            long everyConnection = 1 + (long) (random.nextDouble() * payload.size());
            assertReadThroughFault(location, payload, -1, everyConnection,
                    trial + ", read with every connection cut after " + everyConnection + " bytes");
            environment.remove(backend, location);
            created.remove(location);
            environment.assertEmpty(backend);
        }
    }

    /**
     * Adds {@code payload} from {@code source} while a fault is set; afterwards heals and
     * returns the location of the object, added again without faults if the faulty add failed.
     */
    private Location addThroughFault(Payload payload, InputStream source, String trial) throws Exception {
        ObjectId id = ObjectId.random();
        Throwable failure = assertTimeoutPreemptively(environment.hangGuard(),
                () -> catchThrowable(() -> add(id, source)), trial + ": hung");
        proxy.cutAll();
        proxy.heal();
        if (failure == null) {
            Location location = created.get(created.size() - 1);
            assertReadsAs(location, payload, trial);
            return location;
        }
        assertThat(failure).as("%s: failure", trial).isInstanceOf(StoreException.class);
        try {
            environment.assertEmpty(backend);
        } catch (AssertionError leftover) {
            throw new AssertionError(trial + ": a failed add left something behind", leftover);
        }
        Location location = add(id, payload.open()).location();
        assertReadsAs(location, payload, trial + ", added again");
        return location;
    }

    /**
     * Reads the object with either every open connection cut once after {@code cutOnceAt}
     * bytes were read, or every connection cut after {@code cutEveryAfter} bytes (-1: not).
     */
    private void assertReadThroughFault(Location location, Payload payload, long cutOnceAt, long cutEveryAfter,
            String trial) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        if (cutEveryAfter >= 0) {
            proxy.cutAfter(cutEveryAfter);
        }
        Throwable failure = assertTimeoutPreemptively(environment.hangGuard(), () -> catchThrowable(() -> {
            try (ObjectStream stream = store.get(location)) {
                if (cutOnceAt >= 0) {
                    received.write(stream.readNBytes((int) cutOnceAt));
                    proxy.cutAll();
                }
                stream.transferTo(received);
            }
        }), trial + ": hung");
        proxy.cutAll();
        proxy.heal();
        byte[] bytes = received.toByteArray();
        if (failure == null) {
            assertThat(bytes.length).as("%s: bytes of a read that succeeded", trial).isEqualTo(payload.size());
        } else {
            assertThat(failure).as("%s: failure", trial).isInstanceOf(StoreException.class);
        }
        assertThat(payload.mismatch(new java.io.ByteArrayInputStream(bytes), 0, bytes.length))
                .as("%s: the bytes received", trial).isEmpty();
    }

    private void assertReadsAs(Location location, Payload payload, String trial) throws IOException {
        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.objectSize()).as("%s: size", trial).isEqualTo(payload.size());
            assertThat(payload.mismatch(stream)).as("%s: data of %s", trial, location).isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@return a seed no other payload of this test class used} */
    protected final synchronized long nextSeed() {
        return ++seeds * 0x9E3779B97F4A7C15L;
    }

    /**
     * Puts {@code payload} in through the proxy (add, or seed for a read-only store); removed after the test.
     *
     * @param payload the data to put in
     * @return the location of the object
     * @throws Exception if the environment fails; the test fails
     */
    protected final Location put(Payload payload) throws Exception {
        Location location;
        if (environment.capabilities().contains(Capability.WRITE)) {
            location = store.add(ObjectId.random(), payload.open(), AddOptions.defaults()).location();
        } else {
            location = environment.seed(backend, ObjectId.random(), payload.open(), payload.size());
        }
        created.add(location);
        return location;
    }

    private StoredObject add(ObjectId id, InputStream data) throws IOException {
        StoredObject stored = store.add(id, data, AddOptions.defaults());
        created.add(stored.location());
        return stored;
    }

    /**
     * Reads the whole object through the proxy and compares it with {@code payload}.
     *
     * @param location the location
     * @param payload the data to put in
     * @throws IOException if reading fails
     */
    protected final void assertReads(Location location, Payload payload) throws IOException {
        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.objectSize()).isEqualTo(payload.size());
            assertThat(payload.mismatch(stream)).as("data of %s", location).isEmpty();
        }
    }
}
