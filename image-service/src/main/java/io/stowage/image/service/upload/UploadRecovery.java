package io.stowage.image.service.upload;

import static java.util.Objects.requireNonNull;

import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.registry.UploadRegistry;
import io.stowage.image.service.registry.UploadRegistry.LapsedUpload;
import io.stowage.image.service.storage.ImageStores;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers the uploads whose lease lapsed: their node died, or lost the registry for longer than
 * the lease. Every node runs it, periodically and at start; several running at once are safe,
 * because each upload is claimed by one conditional update ({@link UploadRegistry#claimLapsed}),
 * which also returns its image to {@code queued} (v1: {@code killed}) if the upload still held it.
 * The claimer then removes the upload's object from its store ({@link io.stowage.Store#discard}:
 * the object if it was published, an open multipart upload if not) and forgets the upload. When
 * the store cannot do that now, the claim's lease lapses in turn and a later run tries again.
 */
public final class UploadRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRecovery.class);
    private static final int BATCH = 100;

    private final UploadRegistry uploads;
    private final ImageStores stores;

    public UploadRecovery(UploadRegistry uploads, ImageStores stores) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /**
     * Recovers every upload lapsed by now.
     *
     * @return how many this caller recovered (claimed and cleaned)
     * @throws RegistryUnavailableException when the registry cannot be reached
     */
    public int run() {
        int recovered = 0;
        while (true) {
            List<LapsedUpload> lapsed = uploads.lapsed(BATCH);
            int claimed = 0;
            for (LapsedUpload upload : lapsed) {
                if (uploads.claimLapsed(upload)) {
                    claimed++;
                    if (clean(upload)) {
                        recovered++;
                    }
                }
            }
            if (lapsed.size() < BATCH || claimed == 0) {
                return recovered;
            }
        }
    }

    /**
     * Removes at once what the ended uploads of one image left (its staged data, once imported or
     * given up), rather than at the next periodic pass; safe beside any other node's recovery.
     * What it cannot do now (the registry is down) is left to that pass.
     */
    public void runFor(String imageId) {
        try {
            for (LapsedUpload upload : uploads.lapsed(imageId)) {
                if (uploads.claimLapsed(upload)) {
                    clean(upload);
                }
            }
        } catch (RegistryUnavailableException e) {
            LOG.warn("What the uploads of image {} left is left to recovery: {}", imageId, e.getMessage());
        }
    }

    private boolean clean(LapsedUpload lapsed) {
        var upload = lapsed.upload();
        try {
            stores.discard(upload.store(), upload.objectId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Recovering the upload to image {}: its object {} in store '{}' could not be removed yet; retried"
                    + " when the claim lapses: {}", upload.imageId(), upload.objectId(), upload.store(), e.toString());
            return false;
        }
        uploads.forget(upload.uploadId());
        LOG.info("Recovered the upload to image {} (lease lapsed): the image is {} again, object {} removed from store '{}'",
                upload.imageId(), upload.failedStatus().id(), upload.objectId(), upload.store());
        return true;
    }
}
