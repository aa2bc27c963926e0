package io.stowage.image.service.upload;

import static java.util.Objects.requireNonNull;

import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.registry.UploadRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases of this node's uploads in flight: renewed together every third of the lease, so
 * that other nodes leave them alone while this node lives. A renewal that finds an upload no
 * longer holding its image (another node recovered it after its lease lapsed, say while this node
 * was cut off from the registry) marks it lost, and its stream stops at the next read. A renewal
 * that cannot reach the registry is retried at the next tick.
 */
public final class UploadLeases {
    private static final Logger LOG = LoggerFactory.getLogger(UploadLeases.class);

    private final UploadRegistry uploads;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public UploadLeases(UploadRegistry uploads, ScheduledExecutorService timer) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        long period = Math.max(100, uploads.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Keeps the lease of {@code upload} until the returned hold is closed. */
    public Held hold(Upload upload) {
        Held hold = new Held(upload);
        held.put(upload.uploadId(), hold);
        return hold;
    }

    /** The uploads this node holds now. */
    public List<Upload> held() {
        return held.values().stream().map(Held::upload).toList();
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        try {
            for (String lost : uploads.renew(List.copyOf(held.keySet()))) {
                Held hold = held.get(lost);
                if (hold != null) {
                    hold.lost = true;
                }
            }
        } catch (RegistryUnavailableException e) {
            LOG.warn("Renewing {} upload leases failed; retrying: {}", held.size(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Renewing upload leases failed", e);
        }
    }

    /** One upload's lease, kept while it is open. */
    public final class Held implements AutoCloseable {
        private final Upload upload;
        private volatile boolean lost;

        private Held(Upload upload) {
            this.upload = upload;
        }

        public Upload upload() {
            return upload;
        }

        /** Whether the upload lost its image to recovery: it cannot finish any more. */
        public boolean lost() {
            return lost;
        }

        @Override
        public void close() {
            held.remove(upload.uploadId(), this);
        }
    }
}
