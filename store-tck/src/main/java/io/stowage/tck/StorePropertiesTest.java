package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Properties of a backend, each compared with the reference {@link MemoryStore} as oracle
 * (configured with the capabilities of the environment's profile) and with the data the test generated: random
 * payloads in random source chunkings (short and zero-length reads), random
 * {@code (offset, length)} reads, random sequences of operations on random valid ids (ids
 * that differ only in case included), and random location strings of the store's scheme.
 *
 * <p>A backend runs them like the contract:
 *
 * <pre>{@code
 * class FileStorePropertiesTest extends StorePropertiesTest {
 *     @Override
 *     protected StoreTckEnvironment environment() {
 *         return new FileStoreTckEnvironment();
 *     }
 * }
 * }</pre>
 *
 * <p>Each property opens its own environment and store, runs
 * {@code max(}{@value StoreTckEnvironment#DEFAULT_PROPERTY_TRIES}{@code ,}
 * {@link StoreTckEnvironment#propertyTries()}{@code )} tries, removes what it put in and
 * checks {@link StoreTckEnvironment#openResources} and {@link StoreTckEnvironment#assertEmpty}
 * once at the end (not per try, so that a network backend stays fast).
 *
 * <p>The properties are here; the environment, the store, the oracle and the reads compared
 * between them are in {@link StorePropertyFixture}.
 */
public abstract class StorePropertiesTest extends StorePropertyFixture {
    private static final int MAX_CHUNK = 9000;

    /** The environment of the backend under test; called once per property. */
    @Override
    protected abstract StoreTckEnvironment environment() throws Exception;

    @Property(tries = StoreTckEnvironment.DEFAULT_PROPERTY_TRIES)
    @AddLifecycleHook(StorePropertyLifecycle.class)
    void payloadsRoundTripInAnyChunking(@ForAll("sizes") long size, @ForAll long seed,
            @ForAll("chunkings") List<Integer> chunks, @ForAll boolean declareSize) throws Exception {
        Payload payload = Payload.of(size, seed);
        AddOptions options = declareSize ? AddOptions.builder().expectedSize(size).build() : AddOptions.defaults();
        ObjectId id = ObjectId.random();
        Stored stored;
        if (has(Capability.WRITE)) {
            int[] sizes = chunks.stream().mapToInt(Integer::intValue).toArray();
            StoredObject actual = store().add(id, Sources.chunked(payload.open(), sizes), options);
            StoredObject expected = oracleStore().add(id, Sources.chunked(payload.open(), sizes), options);
            stored = new Stored(id, payload, actual.location(), expected.location());
            try {
                assertThat(actual.size()).as("stored size").isEqualTo(expected.size()).isEqualTo(size);
                assertThat(actual.checksums()).as("checksums").isEqualTo(expected.checksums());
                assertThat(actual.checksums().sha256()).isEqualTo(payload.sha256());
            } catch (AssertionError e) {
                removeAfterFailure(stored, e);
                throw e;
            }
        } else {
            stored = seed(id, payload);
        }
        try {
            assertThat(read(store(), stored.location(), ByteRange.ALL))
                    .as("whole read of %s", stored.location())
                    .isEqualTo(read(oracleStore(), stored.oracleLocation(), ByteRange.ALL));
            try (ObjectStream stream = store().get(stored.location())) {
                assertThat(payload.mismatch(stream)).as("data of %s", stored.location()).isEmpty();
            }
        } catch (AssertionError e) {
            removeAfterFailure(stored, e);
            throw e;
        }
        remove(stored);
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 2048),
                Arbitraries.longs().between(0, 200_000),
                Arbitraries.of(new ArrayList<>(new TreeSet<>(tckEnvironment().boundarySizes()))));
    }

    @Provide
    Arbitrary<List<Integer>> chunkings() {
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 64),
                        Arbitraries.integers().between(0, MAX_CHUNK))
                .list().ofMinSize(1).ofMaxSize(8)
                .filter(chunks -> chunks.stream().anyMatch(chunk -> chunk > 0));
    }

    @Property(tries = StoreTckEnvironment.DEFAULT_PROPERTY_TRIES)
    @AddLifecycleHook(StorePropertyLifecycle.class)
    void rangesReadLikeTheOracle(@ForAll("rangeReads") RangeRead read) throws Exception {
        Stored stored = fixtures().get(read.fixture());
        Outcome expected = read(oracleStore(), stored.oracleLocation(), read.range());
        Outcome actual = read(store(), stored.location(), read.range());

        assertThat(actual).as("read of %s of %s (%d bytes)", read.range(), stored.location(), stored.payload().size())
                .isEqualTo(expected);
        if (actual.kind().equals("ok")) {
            try (ObjectStream stream = store().get(stored.location(), read.range())) {
                assertThat(stored.payload().mismatch(stream, actual.offset(), actual.length())).isEmpty();
            }
        }
    }

    /** One read of fixture {@code fixture}. */
    record RangeRead(int fixture, ByteRange range) {}

    @Provide
    Arbitrary<RangeRead> rangeReads() throws Exception {
        List<Stored> fixtures = fixtures();
        return Arbitraries.integers().between(0, fixtures.size() - 1).flatMap(index -> {
            long size = fixtures.get(index).payload().size();
            Arbitrary<Long> offsets = Arbitraries.oneOf(
                    Arbitraries.longs().between(0, size + 2),
                    Arbitraries.of(0L, size, size + 1, Long.MAX_VALUE));
            Arbitrary<Optional<Long>> lengths = Arbitraries.oneOf(
                    Arbitraries.longs().between(0, size + 2),
                    Arbitraries.of(0L, 1L, size, Long.MAX_VALUE)).optional(0.8);
            return Combinators.combine(offsets, lengths).as((offset, length) -> new RangeRead(index,
                    length.map(value -> ByteRange.of(offset, value)).orElse(ByteRange.from(offset))));
        });
    }

    /** One step of a random sequence on a pool of ids. */
    record Operation(String kind, int id, long size, long seed, long offset, long length) {
        @Override
        public String toString() {
            return switch (kind) {
                case "add" -> "add(#" + id + ", " + size + " bytes)";
                case "range" -> "get(#" + id + ", bytes " + offset + "+" + length + ")";
                default -> kind + "(#" + id + ")";
            };
        }
    }

    private static final List<String> ID_SHAPES = List.of("a", "A", ".a", "a..", "-_-", "Ab.c", "x".repeat(200));

    @Property(tries = StoreTckEnvironment.DEFAULT_PROPERTY_TRIES)
    @AddLifecycleHook(StorePropertyLifecycle.class)
    void operationSequencesBehaveLikeTheOracle(@ForAll("operations") List<Operation> operations,
            @ForAll("idSuffixes") String suffix) throws Exception {
        Map<Integer, Stored> known = new LinkedHashMap<>();
        try {
            for (Operation operation : operations) {
                ObjectId id = ObjectId.of(ID_SHAPES.get(operation.id()) + "-" + suffix);
                Outcome expected;
                Outcome actual;
                if (operation.kind().equals("add")) {
                    Payload payload = Payload.of(operation.size(), operation.seed());
                    if (!has(Capability.WRITE)) {
                        if (oracle().ids().contains(id)) {
                            continue;
                        }
                        known.put(operation.id(), seed(id, payload));
                        continue;
                    }
                    expected = add(oracleStore(), id, payload).outcome();
                    Added added = add(store(), id, payload);
                    actual = added.outcome();
                    if (added.location().isPresent()) {
                        known.put(operation.id(), new Stored(id, payload, added.location().get(), oracle().locationOf(id)));
                    }
                } else {
                    Stored stored = known.get(operation.id());
                    if (stored == null) {
                        continue;
                    }
                    expected = apply(oracleStore(), stored.oracleLocation(), operation);
                    actual = apply(store(), stored.location(), operation);
                }
                assertThat(actual).as("%s in %s", operation, operations).isEqualTo(expected);
            }
        } finally {
            for (Stored stored : known.values()) {
                remove(stored);
            }
        }
    }

    /** The outcome of an add, and the location when it succeeded. */
    private record Added(Outcome outcome, Optional<Location> location) {}

    private static Added add(Store target, ObjectId id, Payload payload) {
        try {
            StoredObject stored = target.add(id, payload.open(), AddOptions.defaults());
            return new Added(new Outcome("ok", stored.size(), 0, stored.size(), stored.checksums().sha256()),
                    Optional.of(stored.location()));
        } catch (Exception e) {
            return new Added(Outcome.failed(e), Optional.empty());
        }
    }

    private Outcome apply(Store target, Location location, Operation operation) throws Exception {
        return switch (operation.kind()) {
            case "get" -> read(target, location, ByteRange.ALL);
            case "range" -> read(target, location, ByteRange.of(operation.offset(), operation.length()));
            case "size" -> {
                try {
                    yield new Outcome("ok", target.size(location), -1, -1, "");
                } catch (IOException e) {
                    yield Outcome.failed(e);
                }
            }
            case "delete" -> {
                try {
                    target.delete(location);
                    yield Outcome.done();
                } catch (IOException e) {
                    yield Outcome.failed(e);
                }
            }
            default -> throw new IllegalStateException("unknown operation " + operation.kind());
        };
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(0, ID_SHAPES.size() - 1);
        Arbitrary<Operation> add = Combinators.combine(ids, Arbitraries.longs().between(0, 3000), Arbitraries.longs())
                .as((id, size, seed) -> new Operation("add", id, size, seed, 0, 0));
        Arbitrary<Operation> simple = Combinators.combine(Arbitraries.of("get", "size", "delete"), ids)
                .as((kind, id) -> new Operation(kind, id, 0, 0, 0, 0));
        Arbitrary<Operation> range = Combinators.combine(ids, Arbitraries.longs().between(0, 3100),
                        Arbitraries.longs().between(0, 3100))
                .as((id, offset, length) -> new Operation("range", id, 0, 0, offset, length));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, add),
                        net.jqwik.api.Tuple.of(4, simple),
                        net.jqwik.api.Tuple.of(2, range))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> idSuffixes() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofLength(10);
    }

    @Property(tries = StoreTckEnvironment.DEFAULT_PROPERTY_TRIES)
    @AddLifecycleHook(StorePropertyLifecycle.class)
    void randomLocationsAreRefusedOrResolvedToTheirObject(@ForAll("locationTexts") String text) throws Exception {
        Location location;
        try {
            location = Location.parse(text);
        } catch (InvalidLocationException refused) {
            return;
        }
        boolean owned = store().owns(location);
        Outcome read = read(store(), location, ByteRange.ALL);
        Outcome size = sizeOf(location);
        if (!owned) {
            assertThat(read.kind()).as("read of %s, which the store does not own", location).isEqualTo("InvalidLocation");
            assertThat(size.kind()).as("size of %s, which the store does not own", location).isEqualTo("InvalidLocation");
            return;
        }
        assertThat(read.kind()).as("read of %s", location).isIn("ok", "ObjectNotFound", "InvalidLocation");
        assertThat(size.kind()).as("size of %s", location).isIn("ok", "ObjectNotFound", "InvalidLocation");
        if (read.kind().equals("ok")) {
            List<Outcome> objects = new ArrayList<>();
            for (Stored fixture : fixtures()) {
                objects.add(new Outcome("ok", fixture.payload().size(), 0, fixture.payload().size(), fixture.payload().sha256()));
            }
            assertThat(read).as("data read from %s is one of the objects put in", location).isIn(objects);
        }
    }

    @Provide
    Arbitrary<String> locationTexts() throws Exception {
        List<String> urls = fixtures().stream().map(fixture -> fixture.location().url()).toList();
        Arbitrary<String> base = Arbitraries.of(urls);
        Arbitrary<String> noise = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "/", "//", "%2e%2e", "%2F", "%00", "?", "#", "@", "u:p@", ":", "~", "\\",
                        "a", "Z", "-", "_", "%", "%41", "é", " ", "\n", ";", "=", "[", "]", "*", "'"),
                Arbitraries.strings().withChars("abcXYZ019./-_%:@?#~").ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> mutated = Combinators.combine(base, noise.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 1000).list().ofSize(3), Arbitraries.of(0, 1, 2, 3))
                .as((url, inserts, positions, mode) -> mutate(url, inserts, positions, mode));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, mutated), net.jqwik.api.Tuple.of(1, base));
    }

    private static String mutate(String url, List<String> inserts, List<Integer> positions, int mode) {
        String text = url;
        int schemeEnd = url.indexOf("://") + 3;
        for (int i = 0; i < inserts.size(); i++) {
            int at = switch (mode) {
                case 0 -> schemeEnd + positions.get(i) % (text.length() - schemeEnd + 1);
                case 1 -> text.length();
                case 2 -> text.lastIndexOf('/') + 1;
                default -> positions.get(i) % (text.length() + 1);
            };
            text = text.substring(0, at) + inserts.get(i) + text.substring(at);
        }
        return text;
    }
}
