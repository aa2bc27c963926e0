package io.stowage.tck.selftest;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.stowage.Capability;
import io.stowage.Store;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.memory.MemoryTckEnvironment;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * The TCK has teeth: the store contract, run in-process against a memory store with one
 * deliberate defect, fails — and fails in the tests that check the broken rule. So do
 * environments that dodge it: a leak counter that sees nothing, a profile smaller than the
 * store, skips the profile does not explain.
 */
class BrokenStoresFailTheContractTest {
    @Test
    void theCorrectMemoryStorePassesEveryTest() {
        TckRunner.Outcome outcome = run(MemoryTckEnvironment::new);

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.succeeded()).isGreaterThan(100);
        assertThat(outcome.aborted()).as("skipped: the four refusal tests of a READ_WRITE store").isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void everyDefectFailsTheTestsOfItsRule(Defect defect) {
        TckRunner.Outcome outcome = run(() -> broken(defect));

        assertThat(outcome.failed()).as("tests failed by a store that %s", defect).containsAll(expectedFailures(defect));
    }

    @Test
    void aStoreKeepingRacesApartInItsOwnMemoryPassesAloneAndFailsInPairs() {
        TckRunner.Outcome outcome = run(() -> broken(Defect.INSTANCE_LOCAL_RESERVATION));

        assertThat(outcome.failed()).contains("racingAddsThroughTwoInstancesHaveExactlyOneWinner")
                .doesNotContain("racingAddsOfOneIdHaveExactlyOneWinner");
    }

    @Test
    void aLeakCounterThatCountsNothingFails() {
        TckRunner.Outcome outcome = run(() -> new ForwardingTckEnvironment(new MemoryTckEnvironment()) {
            @Override
            public long openResources(Store store) {
                return 0;
            }
        });

        assertThat(outcome.failed()).containsExactly("theEnvironmentCountsWhatAnOpenStreamHolds");
    }

    @Test
    void aWritableStoreDeclaringAReadOnlyProfileFails() {
        TckRunner.Outcome outcome = run(() -> new MemoryTckEnvironment(StoreProfile.READ_ONLY, EnumSet.allOf(Capability.class),
                store -> store, Set.of()));

        assertThat(outcome.failed()).contains("declaresTheCapabilitiesOfItsServer", "refusesAddWithoutWriteCapability",
                "refusesDeleteWithoutDeleteCapability");
    }

    @Test
    void skipsTheProfileDoesNotExplainFailTheRun() {
        TckRunner.Outcome outcome = TckRunner.jupiter(SkipsTheRaces.class);

        assertThat(outcome.failed()).as("the skips of the wrapped and of the bare run")
                .containsExactlyInAnyOrder(SkipsTheRaces.class.getName(), StoreContractTest.class.getName() + "$BareBackend");
    }

    @Test
    void anEnvironmentSkippingTheWholeSuiteFails() {
        TckRunner.Outcome outcome = run(() -> new ForwardingTckEnvironment(new MemoryTckEnvironment()) {
            @Override
            public Store createStore() {
                throw new TestAbortedException("the server is not installed");
            }
        });

        assertThat(outcome.failed()).containsExactly(Subject.class.getName());
    }

    private static List<String> expectedFailures(Defect defect) {
        return switch (defect) {
            case TRUNCATES_LAST_BYTE -> List.of("roundTripsWithDeclaredSize", "roundTripsWithUnknownSize", "readsEveryRangeEdge");
            case IGNORES_RANGE_OFFSET -> List.of("readsEveryRangeEdge");
            case LEAVES_PARTIAL_OBJECT -> List.of("sourceFailureLeavesNothing", "uncheckedSourceFailureLeavesNothing",
                    "aFailureOfTheReadThatEndsTheSourceLeavesNothing", "anIntegrityFailureOfTheSourcePassesThroughAndLeavesNothing",
                    "sizeLimitExceededLeavesNothing", "checksumMismatchLeavesNothing", "longerThanDeclaredLeavesNothing",
                    "shorterThanDeclaredLeavesNothing");
            case PUBLISHES_BEFORE_THE_END -> List.of("aFailureOfTheReadThatEndsTheSourceLeavesNothing",
                    "roundTripsWithDeclaredSize");
            case LETS_DUPLICATE_OVERWRITE -> List.of("refusesADuplicateAndKeepsTheOriginal");
            case REPORTS_WRONG_SIZE -> List.of("roundTripsWithDeclaredSize", "readsSeededObjects", "readsEveryRangeEdge");
            case LEAKS_STREAMS -> List.of("abandonedStreamsAreReleased", "abandonedLargeStreamsAreReleased",
                    "closedStreamsRefuseReads");
            case LEAKS_ON_EARLY_CLOSE -> List.of("abandonedStreamsAreReleased", "abandonedLargeStreamsAreReleased");
            case OVER_DECLARES_DELETE -> List.of("deletedObjectsAreNotFound", "deleteRemovesOnlyItsObject",
                    "idIsFreeAgainAfterDelete");
            case OWNS_EVERY_LOCATION -> List.of("refusesLocationsItDoesNotOwn", "refusesLocationsNamingNoValidId");
            case ACCEPTS_HOSTILE_IDS -> List.of("refusesLocationsNamingNoValidId");
            case HIDES_SOURCE_FAILURES -> List.of("sourceFailureLeavesNothing", "aFailureOfTheReadThatEndsTheSourceLeavesNothing");
            case CLOSES_THE_SOURCE -> List.of("doesNotCloseTheSource");
            case RACY_CHECK_THEN_WRITE -> List.of("racingAddsOfOneIdHaveExactlyOneWinner",
                    "racingAddsThroughTwoInstancesHaveExactlyOneWinner");
            case INSTANCE_LOCAL_RESERVATION -> List.of("racingAddsThroughTwoInstancesHaveExactlyOneWinner");
            case VISIBLE_BEFORE_COMMIT -> List.of("anAddIsInvisibleUntilItReturns");
            case SWALLOWS_INTERRUPTS -> List.of("anInterruptedAddFailsLeavesNothingAndKeepsTheInterrupt");
            case LEAKS_FOREIGN_EXCEPTIONS -> List.of("anInterruptedAddFailsLeavesNothingAndKeepsTheInterrupt",
                    "readsOnAnInterruptedThreadAnswerOrFailAsInterrupted");
            case LEAKS_A_SECRET -> List.of("deletedObjectsAreNotFound");
            case BUFFERS_WHOLE_OBJECTS -> List.of("anAddOfUnknownSizeHoldsBoundedMemory", "aReadHoldsBoundedMemory");
        };
    }

    /** A memory environment whose stores have {@code defect}; the profile and backend fit the defect. */
    static StoreTckEnvironment broken(Defect defect) {
        return new MemoryTckEnvironment(StoreProfile.READ_WRITE, StoreProfile.READ_WRITE.capabilities(),
                memory -> new BrokenStore(memory, defect), Set.of(BrokenStore.SECRET));
    }

    private static TckRunner.Outcome run(Supplier<StoreTckEnvironment> environment) {
        Subject.environment = environment;
        try {
            return TckRunner.jupiter(Subject.class);
        } finally {
            Subject.environment = null;
        }
    }

    // The subjects: nested and tagged, so that the build's own test run does not pick them up.

    /** The contract on the environment the running self-test sets. */
    @Tag("tck-subject")
    static final class Subject extends StoreContractTest {
        static volatile Supplier<StoreTckEnvironment> environment;

        @Override
        protected StoreTckEnvironment environment() {
            return requireNonNull(environment, "no environment set for the subject").get();
        }
    }

    /** A correct store whose test class skips the racing tests on its own. */
    @Tag("tck-subject")
    static final class SkipsTheRaces extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return new MemoryTckEnvironment();
        }

        @BeforeEach
        void skipRaces(TestInfo test) {
            assumeFalse(test.getTestMethod().orElseThrow().getName().contains("racing"), "races are flaky here");
        }
    }
}
