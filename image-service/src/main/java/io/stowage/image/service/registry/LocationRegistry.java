package io.stowage.image.service.registry;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Optional;

/**
 * Images whose data the service did not write: data registered where it already lives (the
 * seed's {@code x-image-meta-location}). The image becomes {@code active} with that location in
 * one transaction, conditional on it being {@code queued} and free, its size counted against its
 * owner's quota in the same transaction.
 */
public final class LocationRegistry {
    private final Database database;
    private final Clock clock;
    private final long quota;

    LocationRegistry(Database database, Clock clock, long quota) {
        this.database = database;
        this.clock = clock;
        this.quota = quota;
    }

    /**
     * Makes a {@code queued} image that no upload holds {@code active} with {@code data}.
     *
     * @return false if the image is not queued any more (an upload took it, or it is gone)
     * @throws QuotaExceededException if the data does not fit the owner's quota; nothing changed
     */
    public boolean activate(String imageId, ImageData data) throws QuotaExceededException {
        Boolean activated = database.write("activating image " + imageId + " at its location", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET status = 'active',"
                    + " size = ?, checksum = ?, os_hash_algo = ?, os_hash_value = ?, updated_at = ?,"
                    + " version = version + 1 WHERE id = ? AND status = 'queued' AND upload_id IS NULL")) {
                update.setLong(1, data.size());
                update.setString(2, data.checksum());
                update.setString(3, data.hashAlgorithm());
                update.setString(4, data.hashValue());
                update.setLong(5, clock.millis());
                update.setString(6, imageId);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            Optional<String> owner = UploadRegistry.ownerOf(connection, imageId);
            if (!OwnerUsage.reserve(connection, owner, data.size(), quota)) {
                throw new TransactionRefusal();
            }
            OwnerUsage.settle(connection, owner, data.size(), data.size());
            ImageRows.insertLocations(connection, imageId, data.locations());
            return true;
        }, TransactionRefusal.class);
        if (activated == null) {
            throw new QuotaExceededException("Image " + imageId + " does not fit the owner quota");
        }
        return activated;
    }
}
