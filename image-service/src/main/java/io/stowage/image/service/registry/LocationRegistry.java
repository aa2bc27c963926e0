package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The locations of images' data beyond what uploads record. {@link #activate} registers data
 * where it already lives (the seed's {@code x-image-meta-location}): the image becomes
 * {@code active} with that location in one transaction, conditional on it being {@code queued}
 * and free, its size counted against its owner's quota in the same transaction.
 * {@link #replace} changes the list of an image's locations (copies in several stores),
 * conditional on the image's version; a location dropped from it whose data no other image
 * points at is queued for removal in the same transaction ({@link #removals}), so that data is
 * removed even when the node that changed the list dies before it removed it.
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

    /** A location whose data is left to remove. */
    public record Removal(String removalId, String imageId, ImageLocation location) {
        public Removal {
            requireNonNull(removalId, "removalId is null");
            requireNonNull(imageId, "imageId is null");
            requireNonNull(location, "location is null");
        }
    }

    /**
     * Replaces the locations of an image with data ({@code active} or {@code deactivated}) that is
     * still at {@code version}; the data of {@code dropped} locations that no image points at any
     * more is queued for removal.
     *
     * @return the removals queued; empty if the image changed or lost its data since that version
     */
    public Optional<List<Removal>> replace(String imageId, long version, List<ImageLocation> locations,
            List<ImageLocation> dropped) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("an image with data keeps at least one location");
        }
        return database.write("changing the locations of image " + imageId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET updated_at = ?,"
                    + " version = version + 1 WHERE id = ? AND version = ? AND status IN ('active', 'deactivated')")) {
                update.setLong(1, clock.millis());
                update.setString(2, imageId);
                update.setLong(3, version);
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            ImageRows.deleteChildren(connection, imageId, "image_locations");
            ImageRows.insertLocations(connection, imageId, locations);
            List<Removal> removals = new ArrayList<>();
            for (ImageLocation location : dropped) {
                if (!referenced(connection, location.url())) {
                    Removal removal = new Removal(UUID.randomUUID().toString(), imageId, location);
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO removed_locations"
                            + " (removal_id, image_id, url, metadata, removed_at) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, removal.removalId());
                        insert.setString(2, imageId);
                        insert.setString(3, location.url());
                        insert.setString(4, ImageRows.toJson(location.metadata()));
                        insert.setLong(5, clock.millis());
                        insert.executeUpdate();
                    }
                    removals.add(removal);
                }
            }
            return Optional.of(removals);
        });
    }

    /** Locations whose data is left to remove (their removal failed, or their node died first), oldest first. */
    public List<Removal> removals() {
        return database.read("listing removed locations", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT removal_id, image_id, url, metadata"
                    + " FROM removed_locations ORDER BY removed_at LIMIT 100")) {
                List<Removal> removals = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        removals.add(new Removal(result.getString(1), result.getString(2),
                                new ImageLocation(result.getString(3), ImageRows.fromJson(result.getString(4)))));
                    }
                }
                return removals;
            }
        });
    }

    /** Forgets a removal whose data is gone. */
    public void removed(String removalId) {
        database.write("forgetting removal " + removalId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM removed_locations WHERE removal_id = ?")) {
                delete.setString(1, removalId);
                return delete.executeUpdate();
            }
        });
    }

    /** Whether an image other than {@code imageId} (deleted ones aside) points at {@code url}, so that its data must stay. */
    public boolean sharedWithAnotherImage(String imageId, String url) {
        return database.read("looking up the images at " + url, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM image_locations l JOIN images i"
                    + " ON i.id = l.image_id WHERE l.url = ? AND l.image_id <> ? AND i.status <> 'deleted'")) {
                select.setString(1, url);
                select.setString(2, imageId);
                try (ResultSet result = select.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    private static boolean referenced(Connection connection, String url) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM image_locations WHERE url = ?")) {
            select.setString(1, url);
            try (ResultSet result = select.executeQuery()) {
                return result.next();
            }
        }
    }
}
