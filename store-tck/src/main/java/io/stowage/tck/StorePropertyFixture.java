package io.stowage.tck;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.ContractEnforcingStore;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.memory.MemoryStoreConfig;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plumbing under {@link StorePropertiesTest}: per property, the environment, the store
 * and the reference {@link MemoryStore} as oracle, both behind a {@link ContractEnforcingStore}
 * as the registry serves them (opened and closed by
 * {@link StorePropertyLifecycle}); edge-size fixtures put into both; and reads whose
 * {@link Outcome}s compare between the two stores.
 */
abstract class StorePropertyFixture {
    private StoreTckEnvironment environment;
    private Store store;
    private Store contractStore;
    private MemoryStore oracle;
    private Store contractOracle;
    private final List<Stored> fixtures = new ArrayList<>();

    /** An object put into both the backend and the oracle. */
    record Stored(ObjectId id, Payload payload, Location location, Location oracleLocation) {}

    /** What one operation did, comparable between the backend and the oracle. */
    record Outcome(String kind, long objectSize, long offset, long length, String sha256) {
        static Outcome failed(Exception e) {
            return new Outcome(StoreErrors.kind(e), -1, -1, -1, "");
        }

        static Outcome done() {
            return new Outcome("ok", -1, -1, -1, "");
        }
    }

    /**
     * The environment of the backend under test; called once per property.
     *
     * @return a new environment of the backend under test
     * @throws Exception if the environment fails; the test fails
     */
    protected abstract StoreTckEnvironment environment() throws Exception;

    /** The store under test, behind the contract decorator; open while a property runs. */
    final Store store() {
        return contractStore;
    }

    /** The reference store the backend is compared with, as it is (for its ids and locations); open while a property runs. */
    final MemoryStore oracle() {
        return oracle;
    }

    /** The reference store behind the contract decorator, as the properties compare it. */
    final Store oracleStore() {
        return contractOracle;
    }

    /** The environment {@link #environment()} returned for the running property. */
    final StoreTckEnvironment tckEnvironment() {
        return environment;
    }

    // Driven by StorePropertyLifecycle around each property.

    final void open() throws Exception {
        environment = requireNonNull(environment(), "environment() returned null");
        store = requireNonNull(environment.createStore(), "createStore() returned null");
        contractStore = ContractEnforcingStore.wrap(store);
        oracle = new MemoryStore("tck-oracle", MemoryStoreConfig.of("tck-oracle", environment.profile().capabilities()));
        contractOracle = ContractEnforcingStore.wrap(oracle);
    }

    final int tries() {
        return Math.max(StoreTckEnvironment.DEFAULT_PROPERTY_TRIES, environment.propertyTries());
    }

    final void close() throws Exception {
        try {
            for (Stored fixture : fixtures) {
                remove(fixture);
            }
            fixtures.clear();
            org.assertj.core.api.Assertions.assertThat(environment.openResources(store))
                    .as("streams, files and connections the store holds open").isZero();
            environment.assertEmpty(store);
        } finally {
            try (AutoCloseable closingEnvironment = environment; Store closingStore = store) {
                oracle.close();
            }
        }
    }

    final void closeAfterFailure(Throwable failure) {
        try {
            close();
        } catch (Throwable e) {
            failure.addSuppressed(e);
        }
    }

    final boolean has(Capability capability) {
        return environment.profile().capabilities().contains(capability);
    }

    /** Objects of edge sizes in both stores, put in on first use and removed when the property ends. */
    final List<Stored> fixtures() throws Exception {
        if (fixtures.isEmpty()) {
            long[] sizes = {0, 1, 2, 1000, environment.boundarySizes().get(environment.boundarySizes().size() - 1)};
            for (int i = 0; i < sizes.length; i++) {
                ObjectId id = ObjectId.of("tck-fixture-" + i + "-" + Long.toString(System.nanoTime(), 36));
                Payload payload = Payload.of(sizes[i], 31L * i + 7);
                if (has(Capability.WRITE)) {
                    Location location = contractStore.add(id, payload.open(), AddOptions.defaults()).location();
                    contractOracle.add(id, payload.open(), AddOptions.defaults());
                    fixtures.add(new Stored(id, payload, location, oracle.locationOf(id)));
                } else {
                    fixtures.add(seed(id, payload));
                }
            }
        }
        return fixtures;
    }

    final Stored seed(ObjectId id, Payload payload) throws Exception {
        Location location = environment.seed(store, id, payload.open(), payload.size());
        oracle.seed(id, payload.open(), AddOptions.defaults());
        return new Stored(id, payload, location, oracle.locationOf(id));
    }

    final void remove(Stored stored) throws Exception {
        try {
            environment.remove(store, stored.location());
        } catch (ObjectNotFoundException gone) {
            // removed by the sequence under test
        }
        try {
            oracle.unseed(stored.oracleLocation());
        } catch (ObjectNotFoundException gone) {
            // removed by the sequence under test
        }
    }

    final void removeAfterFailure(Stored stored, Throwable failure) {
        try {
            remove(stored);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    final Outcome sizeOf(Location location) {
        try {
            return new Outcome("ok", store.size(location), -1, -1, "");
        } catch (IOException e) {
            return Outcome.failed(e);
        }
    }

    /** Reads a range to its end; the outcome holds the stream's numbers and the SHA-256 of the data. */
    static Outcome read(Store target, Location location, ByteRange range) {
        try (ObjectStream stream = target.get(location, range)) {
            java.security.MessageDigest digest = io.stowage.ChecksumAlgorithm.SHA256.newDigest();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                total += n;
            }
            if (total != stream.length()) {
                return new Outcome("short read of " + total, stream.objectSize(), stream.offset(), stream.length(), "");
            }
            return new Outcome("ok", stream.objectSize(), stream.offset(), stream.length(),
                    java.util.HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            return Outcome.failed(e);
        }
    }
}
