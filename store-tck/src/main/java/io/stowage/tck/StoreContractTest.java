package io.stowage.tck;

import io.stowage.NotSupportedException;
import io.stowage.Store;

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
 *
 * <p>The tests live in one file per theme, each a package-private abstract class that
 * extends the one before it, so that this class inherits them all:
 * {@link StoreContractFixture} (the lifecycle above and the helpers),
 * {@link StoreCapabilityContract} (identity and capabilities), {@link StoreRoundTripContract},
 * {@link StoreFailedAddContract}, {@link StoreDuplicateAndDeleteContract},
 * {@link StoreReadContract} (ranges and streams), {@link StoreLocationAndIdContract} and
 * {@link StoreConcurrencyContract}.
 */
public abstract class StoreContractTest extends StoreConcurrencyContract {
    /** The environment of the backend under test; called once per test class. */
    @Override
    protected abstract StoreTckEnvironment environment() throws Exception;
}
