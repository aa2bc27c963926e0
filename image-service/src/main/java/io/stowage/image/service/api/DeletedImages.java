package io.stowage.image.service.api;

import io.stowage.NotSupportedException;
import io.stowage.ObjectNotFoundException;
import io.stowage.core.StoreRegistry;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.LocationRegistry.Removal;
import io.stowage.image.service.storage.ImageStores;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the data of images marked deleted, then their records, and the data of locations
 * removed from images; data another image still points at, and data in a store that cannot
 * delete (registered where it lives, on a web server), stays. Data that cannot be removed now
 * keeps the record (status {@code deleted}, never shown; a removed location its queue entry), and
 * every node's next recovery pass tries again, so a failed removal leaves a record to finish it
 * rather than an orphan object.
 */
public final class DeletedImages {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedImages.class);

    private DeletedImages() {}

    /**
     * Finishes every deletion, and every removal of a location's data, that failed earlier or
     * whose node died first (every node runs this periodically).
     */
    public static void finish(ImageRegistry registry, ImageStores stores) {
        for (ImageRegistry.DeletedImage deleted : registry.deletedImages()) {
            remove(registry, stores, deleted.id(), deleted.locations());
        }
        removeData(registry, stores, registry.locations().removals());
    }

    /** Removes a deleted image's data (what no other image points at), then its record. */
    static void remove(ImageRegistry registry, ImageStores stores, String id, List<ImageLocation> locations) {
        for (ImageLocation stored : locations) {
            if (registry.locations().sharedWithAnotherImage(id, stored.url())) {
                continue;
            }
            if (!delete(stores, id, stored)) {
                return;
            }
        }
        registry.purge(id);
    }

    /** Removes the data of locations dropped from their images; a removal that fails stays queued. */
    static void removeData(ImageRegistry registry, ImageStores stores, List<Removal> removals) {
        for (Removal removal : removals) {
            if (delete(stores, removal.imageId(), removal.location())) {
                registry.locations().removed(removal.removalId());
            }
        }
    }

    /** Deletes the data at a location; false if that failed (and is to be tried again). */
    private static boolean delete(ImageStores stores, String id, ImageLocation stored) {
        try {
            stores.delete(stored);
        } catch (ObjectNotFoundException e) {
            // already gone
        } catch (NotSupportedException e) {
            // a read-only store (data registered where it lives): not the service's to remove
            LOG.info("The data of image {} at {} stays where it lives (its store cannot delete)", id, stored.url());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The data of image {} at {} could not be removed; tried again at the next recovery pass: {}",
                    id, stored.url(), e.toString());
            return false;
        }
        return true;
    }
}
