package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import java.util.Set;

/**
 * Creates {@code s3} stores ({@code type: s3}, locations {@code s3://bucket/key}); see
 * {@link S3StoreConfig} for the keys. Creating a store checks that the bucket exists (or
 * creates it with {@code createBucket: true}) and, with {@code abortUploadsOlderThan} set, aborts
 * the stale multipart uploads under the store's prefix ({@link S3StaleUploads}).
 */
public final class S3StoreProvider implements StoreProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3StoreProvider.class);

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(S3Layout.SCHEME);
    }

    /** A store configured by {@link S3StoreConfig#from}. */
    @Override
    public Store create(String name, Settings settings) throws StoreException {
        return create(name, S3StoreConfig.from(settings));
    }

    /**
     * A store with {@code config}: checks that the bucket exists (or creates it) and sweeps stale
     * uploads when configured to.
     *
     * @param name the store's name
     * @param config the store's config
     * @return the store
     * @throws StoreException if the bucket is missing or the service cannot be reached
     */
    public Store create(String name, S3StoreConfig config) throws StoreException {
        requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        String subject = "store '" + name + "'";
        S3Clients clients = S3Clients.open(config.connection(), subject);
        try {
            S3Buckets.ensure(clients.retrying(), config.bucket(), config.createBucket(), subject);
            S3Store store = new S3Store(name, config, clients);
            config.staleUploadAge().ifPresent(age -> sweep(store, clients, age));
            return store;
        } catch (StoreException | RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** The sweep on open is housekeeping: when it fails the store opens all the same, and says so. */
    private static void sweep(S3Store store, S3Clients clients, java.time.Duration age) {
        try {
            java.util.List<String> aborted = S3StaleUploads.abort(clients.retrying(), store.layout(), age);
            if (!aborted.isEmpty()) {
                LOG.info("Store '{}' aborted {} multipart upload(s) older than {} under {}", store.name(), aborted.size(),
                        age, store.layout());
            }
        } catch (StoreException e) {
            LOG.warn("Store '{}' could not sweep its stale multipart uploads: {}", store.name(), e.getMessage());
        }
    }
}
