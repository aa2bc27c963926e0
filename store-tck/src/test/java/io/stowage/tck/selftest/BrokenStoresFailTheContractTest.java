package io.stowage.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Capability;
import io.stowage.tck.StoreContractTest;
import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.memory.MemoryTckEnvironment;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TCK has teeth: the store contract, run in-process against a memory store with one
 * deliberate defect, fails — and fails in the tests that check the broken rule.
 */
class BrokenStoresFailTheContractTest {
    @Test
    void theCorrectMemoryStorePassesEveryTest() {
        TckRunner.Outcome outcome = TckRunner.jupiter(Correct.class);

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.succeeded()).isGreaterThan(100);
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void everyDefectFailsTheTestsOfItsRule(Defect defect) {
        TckRunner.Outcome outcome = TckRunner.jupiter(subject(defect));

        assertThat(outcome.failed()).as("tests failed by a store that %s", defect).containsAll(expectedFailures(defect));
    }

    private static List<String> expectedFailures(Defect defect) {
        return switch (defect) {
            case TRUNCATES_LAST_BYTE -> List.of("roundTripsWithDeclaredSize", "roundTripsWithUnknownSize", "readsEveryRangeEdge");
            case IGNORES_RANGE_OFFSET -> List.of("readsEveryRangeEdge");
            case LEAVES_PARTIAL_OBJECT -> List.of("sourceFailureLeavesNothing", "uncheckedSourceFailureLeavesNothing",
                    "sizeLimitExceededLeavesNothing", "checksumMismatchLeavesNothing", "longerThanDeclaredLeavesNothing",
                    "shorterThanDeclaredLeavesNothing");
            case LETS_DUPLICATE_OVERWRITE -> List.of("refusesADuplicateAndKeepsTheOriginal");
            case REPORTS_WRONG_SIZE -> List.of("roundTripsWithDeclaredSize", "readsSeededObjects", "readsEveryRangeEdge");
            case LEAKS_STREAMS -> List.of("abandonedStreamsAreReleased", "abandonedLargeStreamsAreReleased",
                    "closedStreamsRefuseReads");
            case IGNORES_EXPECTED_CHECKSUM -> List.of("checksumMismatchLeavesNothing");
            case SERVES_UNDECLARED_RANGES -> List.of("refusesRangesWithoutRangeReadCapability");
            case ACCEPTS_FOREIGN_SCHEMES -> List.of("refusesForeignSchemes");
            case HIDES_SOURCE_FAILURES -> List.of("sourceFailureLeavesNothing");
            case CLOSES_THE_SOURCE -> List.of("doesNotCloseTheSource");
        };
    }

    private static Class<? extends StoreContractTest> subject(Defect defect) {
        return switch (defect) {
            case TRUNCATES_LAST_BYTE -> TruncatesLastByte.class;
            case IGNORES_RANGE_OFFSET -> IgnoresRangeOffset.class;
            case LEAVES_PARTIAL_OBJECT -> LeavesPartialObject.class;
            case LETS_DUPLICATE_OVERWRITE -> LetsDuplicateOverwrite.class;
            case REPORTS_WRONG_SIZE -> ReportsWrongSize.class;
            case LEAKS_STREAMS -> LeaksStreams.class;
            case IGNORES_EXPECTED_CHECKSUM -> IgnoresExpectedChecksum.class;
            case SERVES_UNDECLARED_RANGES -> ServesUndeclaredRanges.class;
            case ACCEPTS_FOREIGN_SCHEMES -> AcceptsForeignSchemes.class;
            case HIDES_SOURCE_FAILURES -> HidesSourceFailures.class;
            case CLOSES_THE_SOURCE -> ClosesTheSource.class;
        };
    }

    static StoreTckEnvironment broken(Defect defect) {
        Set<Capability> all = EnumSet.allOf(Capability.class);
        if (defect == Defect.SERVES_UNDECLARED_RANGES) {
            Set<Capability> declared = EnumSet.of(Capability.READ, Capability.WRITE, Capability.DELETE);
            return new MemoryTckEnvironment(declared, all, memory -> new BrokenStore(memory, defect));
        }
        return new MemoryTckEnvironment(all, memory -> new BrokenStore(memory, defect));
    }

    // The subjects: nested, so that the build's own test run does not pick them up.

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class Correct extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return new MemoryTckEnvironment();
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class TruncatesLastByte extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.TRUNCATES_LAST_BYTE);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class IgnoresRangeOffset extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.IGNORES_RANGE_OFFSET);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class LeavesPartialObject extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.LEAVES_PARTIAL_OBJECT);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class LetsDuplicateOverwrite extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.LETS_DUPLICATE_OVERWRITE);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class ReportsWrongSize extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.REPORTS_WRONG_SIZE);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class LeaksStreams extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.LEAKS_STREAMS);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class IgnoresExpectedChecksum extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.IGNORES_EXPECTED_CHECKSUM);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class ServesUndeclaredRanges extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.SERVES_UNDECLARED_RANGES);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class AcceptsForeignSchemes extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.ACCEPTS_FOREIGN_SCHEMES);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class HidesSourceFailures extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.HIDES_SOURCE_FAILURES);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class ClosesTheSource extends StoreContractTest {
        @Override
        protected StoreTckEnvironment environment() {
            return broken(Defect.CLOSES_THE_SOURCE);
        }
    }
}
