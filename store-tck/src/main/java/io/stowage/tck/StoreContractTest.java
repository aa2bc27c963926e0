package io.stowage.tck;

import io.stowage.ContractEnforcingStore;
import io.stowage.Store;
import org.junit.jupiter.api.Nested;

/**
 * The store contract: every rule of the {@link Store} javadoc, checked against a real
 * backend, twice. A backend's build runs it by extending it with one hook:
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
 * <ul>
 *   <li><b>Wrapped</b> (the tests of this class): the environment's store behind a
 *       {@link ContractEnforcingStore}, as the registry serves it — the whole contract, the
 *       decorator's rules ({@link StoreEnforcedRulesContract}: refusing undeclared capabilities and
 *       foreign schemes, checksums, expected size and checksum, the size limit, metadata,
 *       progress) and the backend's.</li>
 *   <li><b>Bare</b> (the nested {@code BareBackend} tests, which every subclass inherits): the
 *       environment's store as its provider creates it, with the backend's share of the contract —
 *       bytes round-trip, the source is read to its end and any failure of it (the last read
 *       included) leaves nothing, publish if absent, ranges, errors, interrupts, leaks, bounded
 *       memory. So the backend cannot lean on the decorator for what is its own, and the
 *       decorator cannot hide a backend that drifted.</li>
 * </ul>
 *
 * <p>Each run asks the environment hook for an environment of its own, creates one store from
 * it and closes both at the end (the classes run with {@code PER_CLASS} lifecycle). The
 * environment declares the store's {@link StoreProfile}: tests that need a capability the profile
 * lacks are skipped, and for each capability it lacks a test checks that the store refuses it with
 * {@link io.stowage.NotSupportedException}. No other skip is allowed: a test aborted or disabled for any
 * other reason, or a suite the environment skips as a whole, fails the class. After every
 * test the objects it put in are removed, {@link StoreTckEnvironment#openResources} must be
 * zero and {@link StoreTckEnvironment#assertEmpty} must pass, and every exception the store
 * threw must have been in the {@link io.stowage.StoreException} family and free of the
 * environment's {@linkplain StoreTckEnvironment#secrets secrets}: a failed add that left
 * something behind, a stream that was not released or a foreign exception fails the test
 * that caused it.
 *
 * <p>Objects are put in with {@link Store#add} when the store can write, else with
 * {@link StoreTckEnvironment#seed}, so a read-only store runs every read test too.
 *
 * <p>The tests live in one file per theme, each a package-private abstract class that
 * extends the one before it, so that this class inherits them all:
 * {@link StoreContractFixture} (the lifecycle above and the helpers),
 * {@link StoreCapabilityContract} (identity and capabilities), {@link StoreRoundTripContract},
 * {@link StoreFailedAddContract}, {@link StoreDuplicateAndDeleteContract},
 * {@link StoreReadContract} (ranges and streams), {@link StoreLocationAndIdContract} (with
 * {@link HostileLocations}), {@link StoreConcurrencyContract}, {@link StoreInterruptContract},
 * {@link StoreVisibilityContract} (racing readers, two instances on one backend),
 * {@link StoreBoundedMemoryContract} — where the bare run stops — and
 * {@link StoreEnforcedRulesContract}.
 */
public abstract class StoreContractTest extends StoreEnforcedRulesContract {
    /**
     * The environment of the backend under test; called once for the wrapped run and once for the
     * bare run, each closing its environment when it is done.
     *
     * @return a new environment
     * @throws Exception if the environment cannot be set up; the suite fails
     */
    @Override
    protected abstract StoreTckEnvironment environment() throws Exception;

    /** The backend's share of the contract, on the store exactly as the environment creates it. */
    @Nested
    class BareBackend extends StoreBoundedMemoryContract {
        @Override
        protected StoreTckEnvironment environment() throws Exception {
            return StoreContractTest.this.environment();
        }

        @Override
        boolean enforcesContract() {
            return false;
        }
    }
}
