package io.stowage.image.service;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.StoreException;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.api.DeletedImages;
import io.stowage.image.service.api.ImageApi;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.RegistryCredentials;
import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.storage.ImageStores;
import io.stowage.image.service.upload.UploadLeases;
import io.stowage.image.service.upload.UploadRecovery;
import io.stowage.support.DaemonThreads;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image service: a Glance v2 API over an image registry and the configured stores.
 *
 * <p>{@link #start} opens the registry (migrating its schema) and starts listening. Every
 * node, at start and then every half lease, recovers the uploads whose lease lapsed (their
 * node died: see {@link UploadRecovery}) and finishes deletions left undone; several nodes
 * doing so at once is safe. {@link #close} stops gracefully: new requests are refused, requests
 * in flight get {@value #STOP_SECONDS} seconds to finish, then their connections are closed and
 * their uploads return the images to {@code queued}; no image is left {@code saving}.
 */
public final class ImageService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);
    static final int STOP_SECONDS = 20;
    /** Imports running at once; one more is refused with 503. */
    private static final int IMPORTS = 16;
    /**
     * What one read from a connection takes in: the largest buffer Jetty's default pool keeps
     * (64 KiB). Jetty's default of 8 KiB costs an upload 131,072 reads, parses and hand-offs per
     * GiB on the request thread, which shares the second core with the {@code os_hash} and the
     * write while MD5 takes the first; 64 KiB makes it 16,384.
     */
    private static final int INPUT_BUFFER = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ImageRegistry registry;
    private final ImageStores stores;
    private final ExecutorService digestThreads;
    private final ExecutorService importThreads;
    private final ScheduledExecutorService timer;
    private final UploadLeases leases;
    private boolean closed;

    private ImageService(Server server, ServerConnector connector, ImageRegistry registry, ImageStores stores,
            ExecutorService digestThreads, ExecutorService importThreads, ScheduledExecutorService timer,
            UploadLeases leases) {
        this.server = server;
        this.connector = connector;
        this.registry = registry;
        this.stores = stores;
        this.digestThreads = digestThreads;
        this.importThreads = importThreads;
        this.timer = timer;
        this.leases = leases;
    }

    /**
     * Starts the service on {@code stores} (which it closes when it stops).
     *
     * @throws StoreException for a configuration problem (registry, listen address) or when the
     *     address is taken
     */
    public static ImageService start(ImageServiceConfig config, StoreRegistry stores) throws StoreException {
        requireNonNull(config, "config is null");
        return start(config, new ImageStores(stores));
    }

    private static ImageService start(ImageServiceConfig config, ImageStores stores) throws StoreException {
        checkStores(config, stores);
        ImageRegistry registry = ImageRegistry.open(config.registry(), config.registryCredentials(), Clock.systemUTC(),
                config.uploadLease(), config.ownerQuota());
        ExecutorService digestThreads = Executors.newCachedThreadPool(DaemonThreads.named("stowage-image-digest-"));
        // imports run after their request was answered, at most IMPORTS at once, none queued
        ExecutorService importThreads = new ThreadPoolExecutor(0, IMPORTS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("stowage-image-import-"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("stowage-image-leases-"));
        try {
            UploadLeases leases = new UploadLeases(registry.uploads(), timer);
            UploadRecovery recovery = new UploadRecovery(registry.uploads(), stores);
            long period = Math.max(200, config.uploadLease().toMillis() / 2);
            timer.scheduleWithFixedDelay(() -> recover(recovery, registry, stores), 0, period, TimeUnit.MILLISECONDS);
            QueuedThreadPool threads = new QueuedThreadPool(200, 8);
            threads.setName("stowage-image-api");
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setRequestHeaderSize(16 * 1024);
            http.setResponseHeaderSize(16 * 1024);
            http.setInputBufferSize(INPUT_BUFFER);
            ServerConnector connector = new LoopbackSendBufferConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            server.addConnector(connector);
            server.setHandler(new GracefulHandler(new ImageApi(config, registry, stores, digestThreads, importThreads,
                    leases, recovery)));
            server.setStopTimeout(Duration.ofSeconds(STOP_SECONDS).toMillis());
            server.setStopAtShutdown(false);
            try {
                server.start();
            } catch (Exception e) {
                try {
                    server.stop();
                } catch (Exception stop) {
                    e.addSuppressed(stop);
                }
                throw new StoreException("The image service cannot listen on " + config.host() + ":" + config.port()
                        + ": " + e.getMessage(), e);
            }
            LOG.info("Image service listening on http://{}:{}/ (registry {})", config.host(), connector.getLocalPort(),
                    RegistryCredentials.redact(config.registry()));
            return new ImageService(server, connector, registry, stores, digestThreads, importThreads, timer, leases);
        } catch (StoreException | RuntimeException e) {
            timer.shutdownNow();
            importThreads.shutdownNow();
            digestThreads.shutdownNow();
            registry.close();
            throw e;
        }
    }

    /** Builds the stores of {@code config} and starts the service with its {@code images} section. */
    public static ImageService start(StowageConfig config) throws StoreException {
        ImageServiceConfig settings = ImageServiceConfig.fromSection(config.images());
        StoreRegistry stores = StoreRegistry.build(config);
        try {
            return start(settings, stores);
        } catch (StoreException | RuntimeException e) {
            try {
                stores.close();
            } catch (IOException close) {
                e.addSuppressed(close);
            }
            throw e;
        }
    }

    /** The port the service listens on (the chosen one when the config said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the service stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops gracefully (see the class comment), then closes the registry and the stores. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            server.stop();
        } catch (Exception e) {
            failure = new IOException("Stopping the image service failed", e);
        }
        // imports still running are interrupted: they end their uploads, the images return to queued
        importThreads.shutdownNow();
        try {
            if (!importThreads.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Imports still running after {} s; their images are recovered below", STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        digestThreads.shutdownNow();
        timer.shutdownNow();
        try {
            // Whatever an upload cut at the stop could not end itself: this node's uploads only.
            for (Upload upload : leases.held()) {
                LOG.warn("The upload to image {} was still running at stop; its image is {} again", upload.imageId(),
                        upload.failedStatus().id());
                registry.uploads().abandon(upload);
                stores.discard(upload.store(), upload.objectId());
                registry.uploads().forget(upload.uploadId());
            }
        } catch (IOException | RuntimeException e) {
            failure = add(failure, e);
        } finally {
            registry.close();
            try {
                stores.close();
            } catch (IOException e) {
                failure = add(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        LOG.info("Image service stopped");
    }

    /** Refuses a staging store that cannot take data and a web-download store that is not an http one. */
    private static void checkStores(ImageServiceConfig config, ImageStores stores) throws InvalidConfigurationException {
        if (config.stagingStore().isPresent() && !stores.isWritable(config.stagingStore().get())) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'staging-store' must name a"
                    + " configured store that takes writes");
        }
        if (config.webDownloadStore().isPresent() && !stores.find(config.webDownloadStore().get())
                .map(store -> store.type().equals("http")).orElse(false)) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'web-download-store' must name a"
                    + " configured store of type http (its host rules decide which URLs web-download reaches)");
        }
    }

    /** One recovery pass; a registry that cannot be reached now is tried again at the next. */
    private static void recover(UploadRecovery recovery, ImageRegistry registry, ImageStores stores) {
        try {
            recovery.run();
            DeletedImages.finish(registry, stores);
        } catch (RegistryUnavailableException e) {
            LOG.warn("Recovering lapsed uploads: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Recovering lapsed uploads failed", e);
        }
    }

    private static IOException add(IOException failure, Exception e) {
        if (failure == null) {
            return new IOException("Stopping the image service failed", e);
        }
        failure.addSuppressed(e);
        return failure;
    }
}
