package io.stowage.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.NotSupportedException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.SizeLimitExceededException;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.fault.FaultInjectingStore;
import io.stowage.tck.fault.Faults;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import io.stowage.tck.source.TrackedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store contract: every rule of the {@link Store} javadoc, checked against a real
 * backend. A backend's build runs it by extending it with one hook:
 *
 * <pre>{@code
 * class FileStoreContractTest extends StoreContractTest {
 *     @Override
 *     protected StoreTckEnvironment environment() {
 *         return new FileStoreTckEnvironment();
 *     }
 * }
 * }</pre>
 *
 * <p>The suite asks for the environment once per class, creates one store from it and
 * closes both at the end (the class runs with {@code PER_CLASS} lifecycle). Tests that need
 * a capability the environment does not list are skipped by assumption; for each capability
 * it does not list, a test checks that the store refuses it with
 * {@link NotSupportedException}. After every test the objects it put in are removed and
 * {@link StoreTckEnvironment#assertEmpty} must pass: a failed add that left something
 * behind, or a stream that was not released, fails the test that caused it.
 *
 * <p>Objects are put in with {@link Store#add} when the store can write, else with
 * {@link StoreTckEnvironment#seed}, so a read-only store runs every read test too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContractTest {
    private static final int RACE_ROUNDS = 8;
    private static final int ABANDONED_STREAMS = 64;

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

    // ---------------------------------------------------------------- identity and capabilities

    @Test
    void declaresTheCapabilitiesOfItsServer() {
        assertThat(store.capabilities())
                .as("capabilities of store '%s'", store.name())
                .containsExactlyInAnyOrderElementsOf(environment.capabilities());
        assertThat(store.capabilities()).as("capabilities are constant").isEqualTo(store.capabilities());
        assertThat(store.capabilities()).as("every store reads").contains(Capability.READ);
    }

    @Test
    void namesItselfAndItsSchemes() {
        assertThat(store.name()).isNotBlank();
        assertThat(store.schemes()).isNotEmpty();
        assertThat(store.schemes()).allSatisfy(scheme -> {
            assertThat(scheme).isEqualTo(scheme.toLowerCase(Locale.ROOT));
            assertThat(scheme).matches("[a-z][a-z0-9+.-]*");
        });
    }

    @Test
    void refusesAddWithoutWriteCapability() throws Exception {
        assumeFalse(has(Capability.WRITE), "the store declares WRITE");
        TrackedInputStream source = Sources.tracked(Payload.of(10, 1).open());

        assertThatThrownBy(() -> store.add(newId(), source, AddOptions.defaults())).isInstanceOf(NotSupportedException.class);
        assertThat(source.bytesRead()).as("bytes read from the source of a refused add").isZero();
    }

    @Test
    void refusesDeleteWithoutDeleteCapability() throws Exception {
        assumeFalse(has(Capability.DELETE), "the store declares DELETE");
        Payload payload = Payload.of(100, nextSeed());
        Location location = put(newId(), payload);

        assertThatThrownBy(() -> store.delete(location)).isInstanceOf(NotSupportedException.class);
        assertReads(location, payload);
    }

    @Test
    void refusesRangesWithoutRangeReadCapability() throws Exception {
        assumeFalse(has(Capability.RANGE_READ), "the store declares RANGE_READ");
        Payload payload = Payload.of(100, nextSeed());
        Location location = put(newId(), payload);

        assertThatThrownBy(() -> store.get(location, ByteRange.of(1, 10)).close()).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> store.get(location, ByteRange.from(99)).close()).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> store.get(location, ByteRange.of(0, 100)).close()).isInstanceOf(NotSupportedException.class);
        assertReads(location, payload);
    }

    // ---------------------------------------------------------------- round trips

    /** 0, 1, 2, the boundary sizes and the large size. */
    protected Stream<Long> sizes() {
        TreeSet<Long> sizes = new TreeSet<>(List.of(0L, 1L, 2L));
        sizes.addAll(environment.boundarySizes());
        sizes.add(environment.largeSize());
        return sizes.stream();
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsWithDeclaredSize(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        roundTrip(Payload.of(size, nextSeed()), AddOptions.builder().expectedSize(size).build(), Payload::open);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsWithUnknownSize(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        roundTrip(Payload.of(size, nextSeed()), AddOptions.defaults(), Payload::open);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsShortReadingSources(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Random random = new Random(size);
        roundTrip(Payload.of(size, nextSeed()), AddOptions.defaults(),
                payload -> Sources.shortReads(payload.open(), random, 5000));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void roundTripsZeroLengthReadingSources(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Random random = new Random(size);
        roundTrip(Payload.of(size, nextSeed()), AddOptions.builder().expectedSize(size).build(),
                payload -> Sources.zeroLengthReads(payload.open(), random, 70_000));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void readsSeededObjects(long size) throws Exception {
        Payload payload = Payload.of(size, nextSeed());
        ObjectId id = newId();
        Location location = track(environment.seed(store, id, payload.open(), size));

        assertThat(store.owns(location)).as("store owns %s", location).isTrue();
        assertThat(store.size(location)).isEqualTo(size);
        assertReads(location, payload);
    }

    @Test
    void computesTheRequestedChecksums() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(70_001, nextSeed());
        StoredObject stored = add(newId(), payload.open(), AddOptions.builder()
                .checksum(ChecksumAlgorithm.MD5).checksum(ChecksumAlgorithm.SHA512).build());

        assertThat(stored.checksums().values()).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256,
                ChecksumAlgorithm.SHA512);
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertThat(stored.checksums().value(algorithm)).as(algorithm.id()).contains(payload.checksum(algorithm).hex());
        }
    }

    @Test
    void acceptsTheExpectedChecksum() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(1000, nextSeed());
        StoredObject stored = add(newId(), payload.open(), AddOptions.builder()
                .expectedChecksum(payload.checksum(ChecksumAlgorithm.MD5)).expectedSize(1000).build());

        assertThat(stored.checksums().value(ChecksumAlgorithm.MD5)).contains(payload.checksum(ChecksumAlgorithm.MD5).hex());
        assertReads(stored.location(), payload);
    }

    @Test
    void putsTheOptionMetadataIntoTheLocation() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(10, nextSeed());
        StoredObject stored = add(newId(), payload.open(), AddOptions.builder().metadata("tck-tenant", "a-1").build());

        assertThat(stored.location().metadata()).containsEntry("tck-tenant", "a-1");
        assertReads(stored.location(), payload);
    }

    @Test
    void reportsProgress() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(200_003, nextSeed());
        List<Long> reported = new CopyOnWriteArrayList<>();

        add(newId(), payload.open(), AddOptions.builder().progress(reported::add).build());

        assertThat(reported).isNotEmpty().isSorted();
        assertThat(reported.get(reported.size() - 1)).isEqualTo(200_003L);
    }

    @Test
    void doesNotCloseTheSource() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        TrackedInputStream source = Sources.tracked(Payload.of(1000, nextSeed()).open());

        add(newId(), source, AddOptions.defaults());

        assertThat(source.isClosed()).as("source closed by the store").isFalse();
        assertThat(source.bytesRead()).isEqualTo(1000);
    }

    // ---------------------------------------------------------------- failed adds leave nothing

    protected Stream<Long> failurePoints() {
        TreeSet<Long> points = new TreeSet<>(List.of(0L, 1L));
        points.addAll(environment.boundarySizes());
        points.add(environment.largeSize() / 2);
        points.add(environment.largeSize());
        return points.stream();
    }

    @ParameterizedTest(name = "after {0} bytes")
    @MethodSource("failurePoints")
    void sourceFailureLeavesNothing(long failAfter) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        IOException injected = new IOException("injected source failure after " + failAfter + " bytes");
        InputStream source = Sources.failingAfter(Payload.of(failAfter + 1000, nextSeed()).open(), failAfter, () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.defaults()));

        assertThat(thrown).as("the source's IOException passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    @Test
    void sourceFailureWithDeclaredSizeLeavesNothing() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        long size = environment.largeSize();
        IOException injected = new IOException("injected source failure");
        InputStream source = Sources.failingAfter(Payload.of(size, nextSeed()).open(), size - 1, () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.builder().expectedSize(size).build()));

        assertThat(thrown).as("the source's IOException passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    @Test
    void uncheckedSourceFailureLeavesNothing() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        IllegalStateException injected = new IllegalStateException("injected unchecked source failure");
        InputStream source = Sources.failingAfter(Payload.of(100_000, nextSeed()).open(), 70_000, () -> injected);

        Throwable thrown = catchThrowable(() -> add(id, source, AddOptions.defaults()));

        assertThat(thrown).as("the source's exception passes through").isSameAs(injected);
        assertIdIsFree(id);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void sizeLimitExceededLeavesNothing(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        assumeTrue(size > 0, "nothing is smaller than empty");
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().sizeLimit(size - 1).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        assertIdIsFree(id);
    }

    @Test
    void acceptsDataOfExactlyTheSizeLimit() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        Payload payload = Payload.of(65_537, nextSeed());

        StoredObject stored = add(newId(), payload.open(), AddOptions.builder().sizeLimit(65_537).build());

        assertThat(stored.size()).isEqualTo(65_537);
        assertReads(stored.location(), payload);
    }

    @Test
    void declaredSizeAboveTheLimitFailsBeforeReading() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        TrackedInputStream source = Sources.tracked(Payload.of(1000, nextSeed()).open());

        assertThatThrownBy(() -> add(id, source, AddOptions.builder().expectedSize(1000).sizeLimit(999).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        assertThat(source.bytesRead()).as("bytes read from the source").isZero();
        assertIdIsFree(id);
    }

    protected Stream<Long> mismatchSizes() {
        return Stream.of(1L, 1000L, environment.largeSize());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("mismatchSizes")
    void longerThanDeclaredLeavesNothing(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedSize(size - 1).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("mismatchSizes")
    void shorterThanDeclaredLeavesNothing(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedSize(size + 1).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("mismatchSizes")
    void checksumMismatchLeavesNothing(long size) throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        Payload payload = Payload.of(size, nextSeed());
        Checksum other = Payload.of(size, nextSeed()).checksum(ChecksumAlgorithm.SHA256);

        assertThatThrownBy(() -> add(id, payload.open(), AddOptions.builder().expectedChecksum(other).build()))
                .isInstanceOf(IntegrityException.class);
        assertIdIsFree(id);
    }

    // ---------------------------------------------------------------- duplicates

    @Test
    void refusesADuplicateAndKeepsTheOriginal() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        ObjectId id = newId();
        Payload original = Payload.of(1000, nextSeed());
        Payload other = Payload.of(1000, nextSeed());
        StoredObject stored = add(id, original.open(), AddOptions.defaults());

        assertThatThrownBy(() -> add(id, other.open(), AddOptions.defaults()))
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining(id.value());
        assertThatThrownBy(() -> add(id, Payload.of(0, 0).open(), AddOptions.defaults()))
                .isInstanceOf(ObjectAlreadyExistsException.class);

        assertThat(store.size(stored.location())).isEqualTo(1000);
        assertReads(stored.location(), original);
    }

    @Test
    void racingAddsOfOneIdHaveExactlyOneWinner() throws Exception {
        assumeTrue(has(Capability.WRITE), "the store lacks WRITE");
        int racers = Math.max(2, environment.racingAdds());
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                raceOnce(pool, racers, round % 2 == 0 ? 1000 : 65_537);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void raceOnce(ExecutorService pool, int racers, long size) throws Exception {
        ObjectId id = newId();
        CountDownLatch start = new CountDownLatch(1);
        List<Payload> payloads = new ArrayList<>();
        List<Future<StoredObject>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Payload payload = Payload.of(size, nextSeed());
            payloads.add(payload);
            results.add(pool.submit(() -> {
                start.await();
                return add(id, Sources.shortReads(payload.open(), new Random(payload.seed()), 4096), AddOptions.defaults());
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            try {
                results.get(i).get();
                winners.add(i);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).as("a losing add").isInstanceOf(ObjectAlreadyExistsException.class);
            }
        }
        assertThat(winners).as("adds of %s that succeeded", id).hasSize(1);
        StoredObject winner = results.get(winners.get(0)).get();
        assertReads(winner.location(), payloads.get(winners.get(0)));
        delete(winner.location());
    }

    @Test
    void idIsFreeAgainAfterDelete() throws Exception {
        assumeTrue(has(Capability.WRITE) && has(Capability.DELETE), "the store lacks WRITE or DELETE");
        ObjectId id = newId();
        StoredObject first = add(id, Payload.of(500, nextSeed()).open(), AddOptions.defaults());
        store.delete(first.location());
        Payload second = Payload.of(700, nextSeed());

        StoredObject again = add(id, second.open(), AddOptions.defaults());

        assertThat(again.location().uri()).isEqualTo(first.location().uri());
        assertReads(again.location(), second);
    }

    // ---------------------------------------------------------------- not found

    @Test
    void deletedObjectsAreNotFound() throws Exception {
        ObjectId id = newId();
        Location location = put(id, Payload.of(100, nextSeed()));
        delete(location);

        assertThatThrownBy(() -> store.get(location).close()).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(id.value());
        assertThatThrownBy(() -> store.size(location)).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(id.value());
        if (has(Capability.RANGE_READ)) {
            assertThatThrownBy(() -> store.get(location, ByteRange.of(1, 2)).close())
                    .isInstanceOf(ObjectNotFoundException.class);
        }
        if (has(Capability.DELETE)) {
            assertThatThrownBy(() -> store.delete(location)).isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining(id.value());
        }
    }

    @Test
    void deleteRemovesOnlyItsObject() throws Exception {
        assumeTrue(has(Capability.DELETE), "the store lacks DELETE");
        Payload kept = Payload.of(300, nextSeed());
        Location keptLocation = put(newId(), kept);
        Location deleted = put(newId(), Payload.of(300, nextSeed()));

        store.delete(deleted);

        assertReads(keptLocation, kept);
        assertThatThrownBy(() -> store.size(deleted)).isInstanceOf(ObjectNotFoundException.class);
    }

    // ---------------------------------------------------------------- ranges

    protected Stream<Long> rangeObjectSizes() {
        return Stream.of(0L, 1L, 2L, 1000L, environment.boundarySizes().get(environment.boundarySizes().size() - 1));
    }

    @ParameterizedTest(name = "object of {0} bytes")
    @MethodSource("rangeObjectSizes")
    void readsEveryRangeEdge(long size) throws Exception {
        assumeTrue(has(Capability.RANGE_READ), "the store lacks RANGE_READ");
        Payload payload = Payload.of(size, nextSeed());
        Location location = put(newId(), payload);
        for (ByteRange range : rangeEdges(size)) {
            if (range.offset() > size) {
                assertThatThrownBy(() -> store.get(location, range).close())
                        .as("read of %s of an object of %d bytes", range, size)
                        .isInstanceOf(InvalidRangeException.class);
                continue;
            }
            long expectedLength = range.length().isPresent()
                    ? Math.min(range.length().getAsLong(), size - range.offset())
                    : size - range.offset();
            try (ObjectStream stream = store.get(location, range)) {
                assertThat(stream.objectSize()).as("object size, read of %s", range).isEqualTo(size);
                assertThat(stream.offset()).as("offset, read of %s", range).isEqualTo(range.offset());
                assertThat(stream.length()).as("length, read of %s", range).isEqualTo(expectedLength);
                assertThat(payload.mismatch(stream, range.offset(), expectedLength))
                        .as("data of the read of %s of an object of %d bytes", range, size).isEmpty();
            }
        }
    }

    private static List<ByteRange> rangeEdges(long size) {
        List<ByteRange> ranges = new ArrayList<>();
        long[] offsets = LongStream.of(0, 1, size / 2, size - 1, size, size + 1, size + 1000, Long.MAX_VALUE)
                .filter(offset -> offset >= 0).distinct().toArray();
        for (long offset : offsets) {
            ranges.add(ByteRange.from(offset));
            long rest = size - offset;
            for (long length : LongStream.of(0, 1, 2, rest - 1, rest, rest + 1, Long.MAX_VALUE - offset, Long.MAX_VALUE)
                    .filter(length -> length >= 0).distinct().toArray()) {
                ranges.add(ByteRange.of(offset, length));
            }
        }
        return ranges;
    }

    // ---------------------------------------------------------------- streams

    @Test
    void streamsDescribeTheirRead() throws Exception {
        Payload payload = Payload.of(5000, nextSeed());
        Location location = put(newId(), payload);

        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.objectSize()).isEqualTo(5000);
            assertThat(stream.offset()).isZero();
            assertThat(stream.length()).isEqualTo(5000);
            assertThat(stream.location().uri()).isEqualTo(location.uri());
            assertThat(stream.readNBytes(10)).hasSize(10);
            assertThat(stream.position()).isEqualTo(10);
            assertThat(payload.mismatch(stream, 10, 4990)).isEmpty();
            assertThat(stream.read()).as("read after the end").isEqualTo(-1);
            assertThat(stream.read(new byte[10])).as("read after the end").isEqualTo(-1);
        }
    }

    @Test
    void closedStreamsRefuseReads() throws Exception {
        Location location = put(newId(), Payload.of(5000, nextSeed()));
        ObjectStream stream = store.get(location);
        stream.read();

        stream.close();
        stream.close();

        assertThat(stream.isClosed()).isTrue();
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class);
    }

    @Test
    void abandonedStreamsAreReleased() throws Exception {
        long size = environment.boundarySizes().get(environment.boundarySizes().size() - 1) * 2 + 1;
        Payload payload = Payload.of(size, nextSeed());
        Location location = put(newId(), payload);
        for (int i = 0; i < ABANDONED_STREAMS; i++) {
            ObjectStream stream = store.get(location);
            switch (i % 4) {
                case 0 -> { } // closed unread
                case 1 -> stream.read();
                case 2 -> stream.readNBytes((int) (size / 2));
                default -> stream.skip(size - 1);
            }
            stream.close();
        }
        if (has(Capability.RANGE_READ)) {
            for (int i = 0; i < ABANDONED_STREAMS / 4; i++) {
                try (ObjectStream stream = store.get(location, ByteRange.of(i, size / 2))) {
                    stream.read();
                }
            }
        }
        assertReads(location, payload);
    }

    @Test
    void abandonedLargeStreamsAreReleased() throws Exception {
        Payload payload = Payload.of(environment.largeSize(), nextSeed());
        Location location = put(newId(), payload);

        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.readNBytes(100_000)).hasSize(100_000);
        }

        assertReads(location, payload);
    }

    @Test
    void streamsThatFailMidReadAreReleased() throws Exception {
        Payload payload = Payload.of(200_000, nextSeed());
        Location location = put(newId(), payload);
        FaultInjectingStore faulty = new FaultInjectingStore(store, Faults.NONE.withReadFailureAfter(70_000));

        try (ObjectStream stream = faulty.get(location)) {
            assertThatThrownBy(() -> stream.transferTo(java.io.OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class);
        }
        faulty.inject(Faults.NONE.withCloseFailure());
        ObjectStream stream = faulty.get(location);
        stream.readNBytes(10);
        assertThatThrownBy(stream::close).isInstanceOf(IOException.class);

        assertReads(location, payload);
    }

    @Test
    void interleavedStreamsReadTheirOwnData() throws Exception {
        Payload first = Payload.of(100_000, nextSeed());
        Payload second = Payload.of(100_000, nextSeed());
        Location firstLocation = put(newId(), first);
        Location secondLocation = put(newId(), second);

        try (ObjectStream a = store.get(firstLocation); ObjectStream b = store.get(firstLocation);
                ObjectStream c = store.get(secondLocation)) {
            byte[] fromA = a.readNBytes(50_000);
            byte[] fromC = c.readNBytes(50_000);
            byte[] fromB = b.readNBytes(100_000);
            assertThat(first.mismatch(new java.io.ByteArrayInputStream(fromA), 0, 50_000)).isEmpty();
            assertThat(second.mismatch(new java.io.ByteArrayInputStream(fromC), 0, 50_000)).isEmpty();
            assertThat(first.mismatch(new java.io.ByteArrayInputStream(fromB))).isEmpty();
            assertThat(first.mismatch(a, 50_000, 50_000)).isEmpty();
            assertThat(second.mismatch(c, 50_000, 50_000)).isEmpty();
        }
    }

    // ---------------------------------------------------------------- locations

    @Test
    void locationsRoundTripThroughTheirText() throws Exception {
        Payload payload = Payload.of(100, nextSeed());
        Location location = put(newId(), payload);

        Location withMetadata = Location.parse(location.url(), location.metadata());
        Location bare = Location.parse(location.url());
        String scheme = location.scheme();
        Location upperCaseScheme = Location.parse(scheme.toUpperCase(Locale.ROOT) + location.url().substring(scheme.length()),
                location.metadata());

        assertThat(store.schemes()).contains(location.scheme());
        assertThat(location.uri().getUserInfo()).as("user-info in %s", location).isNull();
        assertThat(withMetadata).isEqualTo(location);
        assertThat(upperCaseScheme).isEqualTo(location);
        assertThat(bare.uri()).isEqualTo(location.uri());
        for (Location parsed : List.of(location, withMetadata, bare, upperCaseScheme)) {
            assertThat(store.owns(parsed)).as("store owns %s", parsed).isTrue();
            assertThat(store.size(parsed)).isEqualTo(100);
            assertReads(parsed, payload);
        }
    }

    @Test
    void refusesForeignSchemes() throws Exception {
        Location owned = put(newId(), Payload.of(10, nextSeed()));
        for (String scheme : List.of("stowage-tck-foreign", "s3", "file", "http", "memory", "swift", "rbd")) {
            if (store.schemes().contains(scheme)) {
                continue;
            }
            Location foreign = Location.of(URI.create(scheme + "://tck-host/tck-bucket/" + newId()));
            assertThat(store.owns(foreign)).as("store owns %s", foreign).isFalse();
            assertRefused(foreign);
        }
        assertThat(store.size(owned)).isEqualTo(10);
    }

    @Test
    void refusesLocationsItDoesNotOwn() throws Exception {
        Payload payload = Payload.of(10, nextSeed());
        Location owned = put(newId(), payload);
        List<Location> notOwned = environment.notOwned(owned);
        assumeFalse(notOwned.isEmpty(), "the store owns every location of its schemes");
        for (Location location : notOwned) {
            assertThat(store.owns(location)).as("store owns %s", location).isFalse();
            assertRefused(location);
        }
        assertReads(owned, payload);
    }

    private void assertRefused(Location location) {
        assertThatThrownBy(() -> store.get(location).close()).as("get %s", location)
                .isInstanceOf(InvalidLocationException.class);
        assertThatThrownBy(() -> store.size(location)).as("size %s", location)
                .isInstanceOf(InvalidLocationException.class);
        if (has(Capability.DELETE)) {
            assertThatThrownBy(() -> store.delete(location)).as("delete %s", location)
                    .isInstanceOf(InvalidLocationException.class);
        }
    }

    // ---------------------------------------------------------------- ids

    @Test
    void keepsIdsThatDifferOnlyInCaseApart() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        Payload upper = Payload.of(100, nextSeed());
        Payload lower = Payload.of(200, nextSeed());
        Location upperLocation = put(ObjectId.of("TCK-CASE-" + suffix.toUpperCase(Locale.ROOT)), upper);
        Location lowerLocation = put(ObjectId.of("tck-case-" + suffix), lower);

        assertThat(upperLocation.uri()).isNotEqualTo(lowerLocation.uri());
        assertReads(upperLocation, upper);
        assertReads(lowerLocation, lower);
    }

    @Test
    void storesEveryShapeOfValidId() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        List<String> ids = List.of(".tck" + suffix, "..tck" + suffix, "tck" + suffix + "..", "-tck" + suffix,
                "_tck" + suffix, "tck." + suffix, "TCK_" + suffix + "-x.y",
                "t".repeat(ObjectId.MAX_LENGTH - suffix.length()) + suffix);
        for (String value : ids) {
            ObjectId id = ObjectId.of(value);
            Payload payload = Payload.of(value.length(), nextSeed());
            Location location = put(id, payload);
            assertThat(store.owns(location)).as("store owns %s", location).isTrue();
            assertReads(Location.parse(location.url(), location.metadata()), payload);
        }
    }

    // ---------------------------------------------------------------- concurrency and closing

    @Test
    void servesConcurrentCallers() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        Payload payload = Payload.of(10_000 + i, nextSeed());
                        Location location = put(newId(), payload);
                        assertReads(location, payload);
                        delete(location);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingIsIdempotent() throws Exception {
        Store another = environment.createStore();
        another.close();
        another.close();
    }

    // ---------------------------------------------------------------- helpers for subclasses

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

    private Location track(Location location) {
        created.add(location);
        return location;
    }

    private void roundTrip(Payload payload, AddOptions options, java.util.function.Function<Payload, InputStream> source)
            throws Exception {
        ObjectId id = newId();

        StoredObject stored = add(id, source.apply(payload), options);

        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.size()).as("stored size").isEqualTo(payload.size());
        assertThat(stored.checksums().sha256()).as("stored SHA-256").isEqualTo(payload.sha256());
        assertThat(store.schemes()).contains(stored.location().scheme());
        assertThat(store.owns(stored.location())).as("store owns %s", stored.location()).isTrue();
        assertThat(store.size(stored.location())).as("size of %s", stored.location()).isEqualTo(payload.size());
        assertReads(stored.location(), payload);
        if (has(Capability.DELETE)) {
            store.delete(stored.location());
            assertThatThrownBy(() -> store.get(stored.location()).close()).isInstanceOf(ObjectNotFoundException.class);
        }
    }

    /** The id is free: nothing is readable, and adding it again succeeds and reads back. */
    private void assertIdIsFree(ObjectId id) throws Exception {
        environment.assertEmpty(store);
        Payload payload = Payload.of(10, nextSeed());
        StoredObject again = add(id, payload.open(), AddOptions.defaults());
        assertReads(again.location(), payload);
    }
}
