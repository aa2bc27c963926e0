package io.stowage.image.service.api;

import io.stowage.NotSupportedException;
import io.stowage.ObjectNotFoundException;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.storage.ImageStores;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the data of images marked deleted, then their records; data in a store that cannot
 * delete (registered where it lives, on a web server) stays there. Data that cannot be removed now
 * keeps the record (status {@code deleted}, never shown), and the next start tries again, so a
 * failed removal leaves a record to finish it rather than an orphan object.
 */
public final class DeletedImages {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedImages.class);

    private DeletedImages() {}

    /** Finishes every deletion that an earlier run of the service left unfinished. */
    public static void finish(ImageRegistry registry, ImageStores stores) {
        for (ImageRegistry.DeletedImage deleted : registry.deletedImages()) {
            remove(registry, stores, deleted.id(), deleted.locations());
        }
    }

    static void remove(ImageRegistry registry, ImageStores stores, String id, List<ImageLocation> locations) {
        for (ImageLocation stored : locations) {
            try {
                stores.delete(stored);
            } catch (ObjectNotFoundException e) {
                // already gone
            } catch (NotSupportedException e) {
                // a read-only store (data registered where it lives): not the service's to remove
                LOG.info("Image {} is deleted; its data at {} stays where it lives (store cannot delete)", id, stored.url());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Image {} is deleted but its data at {} could not be removed; retried at the next start: {}",
                        id, stored.url(), e.toString());
                return;
            }
        }
        registry.purge(id);
    }
}
