package io.stowage.image.service.api;

import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.core.StoreRegistry;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageRegistry;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the data of images marked deleted, then their records. Data that cannot be removed now
 * keeps the record (status {@code deleted}, never shown), and the next start tries again, so a
 * failed removal leaves a record to finish it rather than an orphan object.
 */
public final class DeletedImages {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedImages.class);

    private DeletedImages() {}

    /** Finishes every deletion that an earlier run of the service left unfinished. */
    public static void finish(ImageRegistry registry, StoreRegistry stores) {
        for (ImageRegistry.DeletedImage deleted : registry.deletedImages()) {
            remove(registry, stores, deleted.id(), deleted.locations());
        }
    }

    static void remove(ImageRegistry registry, StoreRegistry stores, String id, List<ImageLocation> locations) {
        for (ImageLocation stored : locations) {
            try {
                stores.delete(Location.parse(stored.url(), stored.metadata()));
            } catch (ObjectNotFoundException e) {
                // already gone
            } catch (IOException | RuntimeException e) {
                LOG.warn("Image {} is deleted but its data at {} could not be removed; retried at the next start: {}",
                        id, stored.url(), e.toString());
                return;
            }
        }
        registry.purge(id);
    }
}
