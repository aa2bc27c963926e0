package io.stowage.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.StoredObject;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StorePropertiesTest;
import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.memory.MemoryTckEnvironment;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The properties have teeth too, and run at least the default number of tries. */
class BrokenStoresFailThePropertiesTest {
    @ParameterizedTest
    @EnumSource(value = Defect.class, names = {"TRUNCATES_LAST_BYTE", "IGNORES_RANGE_OFFSET", "LETS_DUPLICATE_OVERWRITE",
            "REPORTS_WRONG_SIZE", "LEAKS_STREAMS"})
    void everyDefectFailsThePropertiesOfItsRule(Defect defect) {
        Subject.defect = defect;
        try {
            TckRunner.Outcome outcome = TckRunner.run("jqwik", Subject.class);

            assertThat(outcome.failed()).as("properties failed by a store that %s", defect).containsAll(expectedFailures(defect));
        } finally {
            Subject.defect = null;
        }
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
            default -> throw new IllegalArgumentException("no property expectation for " + defect);
        };
    }

    // The subjects: nested and tagged, so that the build's own test run does not pick them up.

    /** The properties on a memory store with the defect the running self-test sets. */
    @net.jqwik.api.Tag("tck-subject")
    static final class Subject extends StorePropertiesTest {
        static volatile Defect defect;

        @Override
        protected StoreTckEnvironment environment() {
            return BrokenStoresFailTheContractTest.broken(java.util.Objects.requireNonNull(defect, "no defect set"));
        }
    }

    /** Counts adds of the round-trip property (one per try) with an environment asking for {@link #tries} tries. */
    @net.jqwik.api.Tag("tck-subject")
    static final class AddCounting extends StorePropertiesTest {
        static final AtomicInteger adds = new AtomicInteger();
        static volatile int tries;

        @Override
        protected StoreTckEnvironment environment() {
            return new ForwardingTckEnvironment(new MemoryTckEnvironment(StoreProfile.READ_WRITE,
                    StoreProfile.READ_WRITE.capabilities(), AddCountingStore::new, java.util.Set.of())) {
                @Override
                public int propertyTries() {
                    return tries;
                }
            };
        }
    }

    /** Counts the adds that reach the memory store. */
    private static final class AddCountingStore extends ForwardingStore {
        AddCountingStore(MemoryStore memory) {
            super(memory);
        }

        @Override
        public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
            AddCounting.adds.incrementAndGet();
            return super.add(id, data, options);
        }
    }
}
