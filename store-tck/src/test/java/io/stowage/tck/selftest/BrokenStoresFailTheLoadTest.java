package io.stowage.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ContractEnforcingStore;
import io.stowage.Store;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import io.stowage.tck.load.LoadDriver;
import io.stowage.tck.load.LoadEvent;
import io.stowage.tck.load.LoadProfile;
import io.stowage.tck.load.LoadReport;
import io.stowage.tck.memory.MemoryTckEnvironment;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The load driver has teeth: run against a memory store with a defect it can meet under load,
 * it reports problems; a store that leaks streams still holds them open afterwards. And it is
 * fair: a read cut by a delete that was already waiting when the read began is not a problem.
 */
class BrokenStoresFailTheLoadTest {
    @ParameterizedTest
    @EnumSource(value = Defect.class, names = {"TRUNCATES_LAST_BYTE", "IGNORES_RANGE_OFFSET", "LETS_DUPLICATE_OVERWRITE",
            "REPORTS_WRONG_SIZE", "LEAKS_STREAMS"})
    void aBrokenStoreFailsTheLoad(Defect defect) throws Exception {
        LoadProfile profile = LoadProfile.standard(256 * 1024).withDuration(Duration.ofSeconds(1)).withOperationsPerThread(300);
        try (StoreTckEnvironment environment = BrokenStoresFailTheContractTest.broken(defect);
                Store store = environment.createStore()) {
            LoadReport report = new LoadDriver(ContractEnforcingStore.wrap(store), profile, true).run();

            if (defect == Defect.LEAKS_STREAMS) {
                assertThat(environment.openResources(store)).as("streams left open by a store that %s", defect).isPositive();
            } else {
                assertThat(report.problems()).as("problems found in a store that %s; %s", defect, report.summary())
                        .anySatisfy(problem -> assertThat(problem).contains(expectedProblem(defect)));
            }
        }
    }

    @Test
    void aReadCutByADeleteThatWaitedBeforeItBeganIsNoProblem() throws Exception {
        // Whether a read begins while a delete waits depends on how the four threads interleave:
        // one run of 800 operations once met none (the full build of 2026-12-06 08:00). Runs with
        // further seeds follow until one did; every run must be free of problems.
        LoadReport cutting = null;
        for (int run = 0; run < 5 && cutting == null; run++) {
            LoadProfile profile = LoadProfile.standard(64 * 1024).withThreads(4).withSlots(1)
                    .withDuration(Duration.ofSeconds(30)).withOperationsPerThread(200).withSeed(20_251_206L + run);
            AtomicReference<DeleteCutsReadsStore> store = new AtomicReference<>();
            LoadReport report = loadOn(store, profile);

            assertThat(report.problems()).as("problems found in a correct store; %s", report.summary()).isEmpty();
            if (store.get().cutReads.get() > 0) {
                cutting = report;
            }
        }

        assertThat(cutting).as("a run in which a read was cut by a delete that waited before it began").isNotNull();
        assertThat(cutting.count(LoadEvent.READ_BROKEN_BY_DELETE)).as(cutting.summary()).isPositive();
    }

    private static LoadReport loadOn(AtomicReference<DeleteCutsReadsStore> cutting, LoadProfile profile) throws Exception {
        try (StoreTckEnvironment environment = new MemoryTckEnvironment(StoreProfile.READ_WRITE,
                StoreProfile.READ_WRITE.capabilities(), memory -> {
                    cutting.set(new DeleteCutsReadsStore(memory));
                    return cutting.get();
                }, Set.of());
                Store store = environment.createStore()) {
            return new LoadDriver(ContractEnforcingStore.wrap(store), profile, true).run();
        }
    }

    private static String expectedProblem(Defect defect) {
        return switch (defect) {
            // a size off by one names an add that never wrote that many bytes
            case TRUNCATES_LAST_BYTE, REPORTS_WRONG_SIZE -> "which no add of";
            case IGNORES_RANGE_OFFSET -> "returned wrong data";
            case LETS_DUPLICATE_OVERWRITE -> "(a duplicate got in)";
            default -> throw new IllegalArgumentException("no load expectation for " + defect);
        };
    }
}
