package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import java.util.Set;

/**
 * Creates the {@code s3} download handler ({@code direct-download.handlers.s3}); see
 * {@link S3DownloadHandlerConfig} for the keys.
 */
public final class S3DownloadHandlerProvider implements DownloadHandlerProvider<S3DownloadHandlerConfig> {
    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(S3Layout.SCHEME);
    }

    @Override
    public Class<S3DownloadHandlerConfig> configType() {
        return S3DownloadHandlerConfig.class;
    }

    @Override
    public DownloadHandler create(S3DownloadHandlerConfig config) throws StoreException {
        requireNonNull(config, "config is null");
        return new S3DownloadHandler(config, S3Clients.open(config.connection(), "download handler 's3'"));
    }
}
