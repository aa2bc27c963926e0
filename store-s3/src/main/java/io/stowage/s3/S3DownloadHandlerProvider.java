package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.Settings;
import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import java.util.Set;

/**
 * Creates the {@code s3} download handler ({@code direct-download.handlers.s3}); see
 * {@link S3DownloadHandlerConfig} for the keys.
 */
public final class S3DownloadHandlerProvider implements DownloadHandlerProvider {
    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(S3Layout.SCHEME);
    }

    /** A handler configured by {@link S3DownloadHandlerConfig#from}. */
    @Override
    public DownloadHandler create(Settings settings) throws StoreException {
        return create(S3DownloadHandlerConfig.from(settings));
    }

    /**
     * A handler with {@code config}.
     *
     * @param config the handler's config
     * @return the handler
     * @throws StoreException if the client cannot be built
     */
    public DownloadHandler create(S3DownloadHandlerConfig config) throws StoreException {
        requireNonNull(config, "config is null");
        return new S3DownloadHandler(config, S3Clients.open(config.connection(), "download handler 's3'"));
    }
}
