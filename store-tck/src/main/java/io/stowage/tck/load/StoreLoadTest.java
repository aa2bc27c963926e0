package io.stowage.tck.load;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Capability;
import io.stowage.ContractEnforcingStore;
import io.stowage.Store;
import io.stowage.tck.StoreTckEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The load suite: {@link LoadDriver} runs eight callers doing mixed adds, reads, range reads,
 * sizes and deletes on a few shared ids for a few seconds, then nothing may be open
 * ({@link StoreTckEnvironment#openResources}: every stream and connection released) and the
 * environment's {@link StoreTckEnvironment#assertEmpty} must pass (every object removed, no
 * temp file or multipart upload left). A writable backend opts in
 * with the environment it already has for the contract:
 *
 * <pre>{@code
 * class FileStoreLoadTest extends StoreLoadTest {
 *     @Override
 *     protected StoreTckEnvironment environment() throws Exception {
 *         return FileStoreTckEnvironment.onDisk(64 * 1024, "data");
 *     }
 * }
 * }</pre>
 *
 * The store runs behind a {@link ContractEnforcingStore}, as the registry serves it. It must
 * declare {@code READ}, {@code WRITE} and {@code DELETE}; range reads are part of the mix when it
 * declares {@code RANGE_READ}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreLoadTest {
    private StoreTckEnvironment environment;
    private Store backend;
    private Store store;

    /**
     * The environment of the backend under test; called once per test class.
     *
     * @return a new environment of the backend under test
     * @throws Exception if the environment fails; the test fails
     */
    protected abstract StoreTckEnvironment environment() throws Exception;

    /**
     * The load to run; the default is {@link LoadProfile#standard} with the environment's large size.
     *
     * @param environment the environment
     * @return the profile
     */
    protected LoadProfile profile(StoreTckEnvironment environment) {
        return LoadProfile.standard(environment.largeSize());
    }

    @BeforeAll
    final void createStore() throws Exception {
        environment = requireNonNull(environment(), "environment() returned null");
        backend = requireNonNull(environment.createStore(), "createStore() returned null");
        store = ContractEnforcingStore.wrap(backend);
    }

    @AfterAll
    final void closeStore() throws Exception {
        try (AutoCloseable closingEnvironment = environment; Store closingStore = backend) {
            // both closed, the store first
        }
    }

    @Test
    void mixedLoadLosesNothingLetsNoDuplicateInAndReleasesEveryStream() throws Exception {
        assertThat(store.capabilities()).as("the load suite needs a store that reads, writes and deletes")
                .contains(Capability.READ, Capability.WRITE, Capability.DELETE);
        boolean ranges = store.capabilities().contains(Capability.RANGE_READ);

        LoadReport report = new LoadDriver(store, profile(environment), ranges).run();

        System.out.println("Load run: " + report.summary());
        assertThat(report.problems()).as("broken rules; %s", report.summary()).isEmpty();
        assertThat(report.count(LoadEvent.ADDED)).as("adds; %s", report.summary()).isPositive();
        assertThat(report.count(LoadEvent.DUPLICATE_REFUSED)).as("refused duplicates; %s", report.summary()).isPositive();
        assertThat(report.count(LoadEvent.READ)).as("whole reads; %s", report.summary()).isPositive();
        assertThat(report.count(LoadEvent.READ_ABANDONED)).as("abandoned reads; %s", report.summary()).isPositive();
        assertThat(report.count(LoadEvent.DELETED)).as("deletes; %s", report.summary()).isPositive();
        assertThat(report.count(LoadEvent.NOT_FOUND) + report.count(LoadEvent.DELETE_NOT_FOUND))
                .as("operations that found an id deleted; %s", report.summary()).isPositive();
        if (ranges) {
            assertThat(report.count(LoadEvent.RANGE_READ)).as("range reads; %s", report.summary()).isPositive();
        }
        assertThat(environment.openResources(backend)).as("streams, files and connections the store holds open").isZero();
        environment.assertEmpty(backend);
    }
}
