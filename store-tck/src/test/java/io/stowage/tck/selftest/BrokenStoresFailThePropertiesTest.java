package io.stowage.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.memory.MemoryTckEnvironment;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The properties have teeth too, and run at least the default number of tries. */
class BrokenStoresFailThePropertiesTest {
    @ParameterizedTest
    @EnumSource(value = Defect.class, names = {"TRUNCATES_LAST_BYTE", "IGNORES_RANGE_OFFSET", "LETS_DUPLICATE_OVERWRITE",
            "REPORTS_WRONG_SIZE", "LEAKS_STREAMS", "SERVES_UNDECLARED_RANGES", "ACCEPTS_FOREIGN_SCHEMES"})
    void everyDefectFailsThePropertiesOfItsRule(Defect defect) {
        TckRunner.Outcome outcome = TckRunner.run("jqwik", subject(defect));

        assertThat(outcome.failed()).as("properties failed by a store that %s", defect).containsAll(expectedFailures(defect));
    }

    @Test
    void triesAreAtLeastTheDefault() {
        AddCounting.adds.set(0);
        AddCounting.tries = 10;

        TckRunner.Outcome outcome = TckRunner.run("jqwik", selectMethod(AddCounting.class, "payloadsRoundTripInAnyChunking",
                "long, long, java.util.List, boolean"));

        assertThat(outcome.failed()).isEmpty();
        assertThat(AddCounting.adds.get()).as("adds, one per try").isEqualTo(StoreTckEnvironment.DEFAULT_PROPERTY_TRIES);
    }

    @Test
    void anEnvironmentMayRaiseTheTries() {
        AddCounting.adds.set(0);
        AddCounting.tries = 1234;

        TckRunner.Outcome outcome = TckRunner.run("jqwik", selectMethod(AddCounting.class, "payloadsRoundTripInAnyChunking",
                "long, long, java.util.List, boolean"));

        assertThat(outcome.failed()).isEmpty();
        assertThat(AddCounting.adds.get()).as("adds, one per try").isEqualTo(1234);
    }

    private static List<String> expectedFailures(Defect defect) {
        return switch (defect) {
            case TRUNCATES_LAST_BYTE -> List.of("payloadsRoundTripInAnyChunking", "rangesReadLikeTheOracle");
            case IGNORES_RANGE_OFFSET -> List.of("rangesReadLikeTheOracle");
            case LETS_DUPLICATE_OVERWRITE -> List.of("operationSequencesBehaveLikeTheOracle");
            case REPORTS_WRONG_SIZE -> List.of("rangesReadLikeTheOracle", "operationSequencesBehaveLikeTheOracle");
            case LEAKS_STREAMS -> List.of("payloadsRoundTripInAnyChunking", "rangesReadLikeTheOracle");
            case SERVES_UNDECLARED_RANGES -> List.of("rangesReadLikeTheOracle");
            case ACCEPTS_FOREIGN_SCHEMES -> List.of("randomLocationsAreRefusedOrResolvedToTheirObject");
            default -> throw new IllegalArgumentException("no property expectation for " + defect);
        };
    }

    private static Class<? extends StorePropertiesTest> subject(Defect defect) {
        return switch (defect) {
            case TRUNCATES_LAST_BYTE -> TruncatesLastByte.class;
            case IGNORES_RANGE_OFFSET -> IgnoresRangeOffset.class;
            case LETS_DUPLICATE_OVERWRITE -> LetsDuplicateOverwrite.class;
            case REPORTS_WRONG_SIZE -> ReportsWrongSize.class;
            case LEAKS_STREAMS -> LeaksStreams.class;
            case SERVES_UNDECLARED_RANGES -> ServesUndeclaredRanges.class;
            case ACCEPTS_FOREIGN_SCHEMES -> AcceptsForeignSchemes.class;
            default -> throw new IllegalArgumentException("no property subject for " + defect);
        };
    }

    // The subjects: nested, so that the build's own test run does not pick them up.

    @net.jqwik.api.Tag("tck-subject")
    static final class TruncatesLastByte extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.TRUNCATES_LAST_BYTE);
        }
    }

    @net.jqwik.api.Tag("tck-subject")
    static final class IgnoresRangeOffset extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.IGNORES_RANGE_OFFSET);
        }
    }

    @net.jqwik.api.Tag("tck-subject")
    static final class LetsDuplicateOverwrite extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.LETS_DUPLICATE_OVERWRITE);
        }
    }

    @net.jqwik.api.Tag("tck-subject")
    static final class ReportsWrongSize extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.REPORTS_WRONG_SIZE);
        }
    }

    @net.jqwik.api.Tag("tck-subject")
    static final class LeaksStreams extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.LEAKS_STREAMS);
        }
    }

    @net.jqwik.api.Tag("tck-subject")
    static final class ServesUndeclaredRanges extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.SERVES_UNDECLARED_RANGES);
        }
    }

    @net.jqwik.api.Tag("tck-subject")
    static final class AcceptsForeignSchemes extends StorePropertiesTest {
        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(Defect.ACCEPTS_FOREIGN_SCHEMES);
        }
    }

    /** Counts adds of the round-trip property (one per try) with an environment asking for {@link #tries} tries. */
    @net.jqwik.api.Tag("tck-subject")
    static final class AddCounting extends StorePropertiesTest {
        static final AtomicInteger adds = new AtomicInteger();
        static volatile int tries;

        @Override
        protected StoreTckEnvironment environment() {
            MemoryTckEnvironment memory = new MemoryTckEnvironment(EnumSet.allOf(Capability.class), AddCountingStore::new);
            return new StoreTckEnvironment() {
                @Override
                public Store createStore() {
                    return memory.createStore();
                }

                @Override
                public java.util.Set<Capability> capabilities() {
                    return memory.capabilities();
                }

                @Override
                public void assertEmpty(Store store) {
                    memory.assertEmpty(store);
                }

                @Override
                public int propertyTries() {
                    return tries;
                }
            };
        }
    }

    /** Counts the adds that reach the memory store. */
    private static final class AddCountingStore implements Store {
        private final MemoryStore memory;

        AddCountingStore(MemoryStore memory) {
            this.memory = memory;
        }

        @Override
        public String name() {
            return memory.name();
        }

        @Override
        public java.util.Set<String> schemes() {
            return memory.schemes();
        }

        @Override
        public java.util.Set<Capability> capabilities() {
            return memory.capabilities();
        }

        @Override
        public boolean owns(Location location) {
            return memory.owns(location);
        }

        @Override
        public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
            AddCounting.adds.incrementAndGet();
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
        public void close() {
            memory.close();
        }
    }
}
