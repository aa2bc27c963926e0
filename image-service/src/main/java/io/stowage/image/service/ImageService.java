package io.stowage.image.service;

import static java.util.Objects.requireNonNull;

import io.stowage.StoreException;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.api.DeletedImages;
import io.stowage.image.service.api.ImageApi;
import io.stowage.image.service.registry.ImageRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>{@link #start} opens the registry (migrating its schema), returns images left
 * {@code saving} by an earlier run to {@code queued} (one node: nothing can be uploading before
 * it starts), finishes deletions an earlier run left undone, and starts listening.
 * {@link #close} stops gracefully: new requests are refused, requests in flight get
 * {@value #STOP_SECONDS} seconds to finish, then their connections are closed and their uploads
 * return the images to {@code queued}; no image is left {@code saving}.
 */
public final class ImageService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);
    static final int STOP_SECONDS = 20;

    private final Server server;
    private final ServerConnector connector;
    private final ImageRegistry registry;
    private final StoreRegistry stores;
    private final ExecutorService digestThreads;
    private boolean closed;

    private ImageService(Server server, ServerConnector connector, ImageRegistry registry, StoreRegistry stores,
            ExecutorService digestThreads) {
        this.server = server;
        this.connector = connector;
        this.registry = registry;
        this.stores = stores;
        this.digestThreads = digestThreads;
    }

    /**
     * Starts the service on {@code stores} (which it closes when it stops).
     *
     * @throws StoreException for a configuration problem (registry, listen address) or when the
     *     address is taken
     */
    public static ImageService start(ImageServiceConfig config, StoreRegistry stores) throws StoreException {
        requireNonNull(config, "config is null");
        requireNonNull(stores, "stores is null");
        ImageRegistry registry = ImageRegistry.open(config.registry(), Clock.systemUTC());
        ExecutorService digestThreads = Executors.newCachedThreadPool(daemonThreads("stowage-image-digest-"));
        try {
            int requeued = registry.requeueInterruptedUploads();
            if (requeued > 0) {
                LOG.warn("{} images left saving by an earlier run are queued again", requeued);
            }
            DeletedImages.finish(registry, stores);
            QueuedThreadPool threads = new QueuedThreadPool(200, 8);
            threads.setName("stowage-image-api");
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setRequestHeaderSize(16 * 1024);
            http.setResponseHeaderSize(16 * 1024);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            server.addConnector(connector);
            server.setHandler(new GracefulHandler(new ImageApi(config, registry, stores, digestThreads)));
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
                    config.registry());
            return new ImageService(server, connector, registry, stores, digestThreads);
        } catch (StoreException | RuntimeException e) {
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
        digestThreads.shutdownNow();
        try {
            // Whatever an interrupted upload could not undo itself: one node, so nothing uploads now.
            int requeued = registry.requeueInterruptedUploads();
            if (requeued > 0) {
                LOG.warn("{} images still saving at stop are queued again", requeued);
            }
        } catch (RuntimeException e) {
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

    private static IOException add(IOException failure, Exception e) {
        if (failure == null) {
            return new IOException("Stopping the image service failed", e);
        }
        failure.addSuppressed(e);
        return failure;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
