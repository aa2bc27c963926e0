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
 * closes both at the end (the class runs with {@code PER_CLASS} lifecycle). The environment
 * declares the store's {@link StoreProfile}: tests that need a capability the profile lacks
 * are skipped, and for each capability it lacks a test checks that the store refuses it with
 * {@link NotSupportedException}. No other skip is allowed: a test aborted or disabled for any
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
 * {@link StoreVisibilityContract} (racing readers, two instances on one backend) and
 * {@link StoreBoundedMemoryContract}.
 */
public abstract class StoreContractTest extends StoreBoundedMemoryContract {
    /** The environment of the backend under test; called once per test class. */
    @Override
    protected abstract StoreTckEnvironment environment() throws Exception;
}
