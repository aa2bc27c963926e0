package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

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
        S3Connection connection = config.connection();
        S3Client client = S3Clients.create(connection, subject);
        S3Client commitClient = null;
        try {
            commitClient = S3Clients.create(withoutRetries(connection), subject);
            S3Buckets.ensure(client, config.bucket(), config.createBucket(), subject);
            return new S3Store(name, config, client, commitClient);
        } catch (StoreException | RuntimeException e) {
            client.close();
            if (commitClient != null) {
                commitClient.close();
            }
            throw e;
        }
    }

    private static S3Connection withoutRetries(S3Connection connection) {
        return new S3Connection(connection.region(), connection.endpoint(), connection.pathStyle(), connection.keys(),
                connection.checksumMode(), connection.connectTimeout(), connection.readTimeout(), 0,
                connection.maxConnections());
    }
}
