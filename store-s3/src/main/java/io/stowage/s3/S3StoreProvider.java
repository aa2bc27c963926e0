package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import java.util.Set;

/**
 * Creates {@code s3} stores ({@code type: s3}, locations {@code s3://bucket/key}); see
 * {@link S3StoreConfig} for the keys. Creating a store checks that the bucket exists (or
 * creates it with {@code createBucket: true}).
 */
public final class S3StoreProvider implements StoreProvider<S3StoreConfig> {
    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(S3Layout.SCHEME);
    }

    @Override
    public Class<S3StoreConfig> configType() {
        return S3StoreConfig.class;
    }

    @Override
    public Store create(String name, S3StoreConfig config) throws StoreException {
        requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        String subject = "store '" + name + "'";
        S3Clients clients = S3Clients.open(config.connection(), subject);
        try {
            S3Buckets.ensure(clients.retrying(), config.bucket(), config.createBucket(), subject);
            return new S3Store(name, config, clients);
        } catch (StoreException | RuntimeException e) {
            clients.close();
            throw e;
        }
    }
}
