package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The uploads in the registry: each holds its image in {@code saving} under a lease the node
 * renews while it streams, and reserves the owner's quota as it goes.
 *
 * <p>Every step is one transaction of conditional updates. {@link #begin} takes a
 * {@code queued} image and writes the upload's row (with the object it will write) before any
 * byte reaches a store; {@link #finish} makes the image {@code active} and deletes the row;
 * {@link #abandon} returns the image and marks the row {@code ended}, so that only its object
 * is left to remove ({@link #forget} once it is). A node that dies leaves a row whose lease
 * lapses: {@link #claimLapsed} lets exactly one recovering node (of any number running at once)
 * return the image and remove the object.
 */
public final class UploadRegistry {
    private static final String LAPSED_COLUMNS = "upload_id, image_id, store, object_id, owner, failed_status,"
            + " lease_until, reserved_bytes";
    private final Database database;
    private final Clock clock;
    private final Duration lease;
    private final long quota;

    UploadRegistry(Database database, Clock clock, Duration lease, long quota) {
        this.database = database;
        this.clock = clock;
        this.lease = lease;
        this.quota = quota;
    }

    /** How long an upload's lease lasts after each renewal. */
    public Duration lease() {
        return lease;
    }

    /**
     * Takes an image in {@code transition.from()} that no upload holds into
     * {@code transition.during()} for one upload to {@code store}, reserving {@code reserve} bytes
     * of the owner's quota.
     *
     * @return the upload; empty if the image is not in that status or another upload holds it
     *     (or it is gone)
     * @throws QuotaExceededException if the reservation does not fit the owner's quota; the
     *     image stays as it was
     */
    public Optional<Upload> begin(String imageId, UploadTransition transition, String store, long reserve)
            throws QuotaExceededException {
        Optional<Upload> began = database.write("starting an upload to image " + imageId, connection -> {
            Optional<Upload> upload = take(connection, imageId, transition, store);
            if (upload.isEmpty()) {
                return upload;
            }
            if (!OwnerUsage.reserve(connection, upload.get().owner(), reserve, quota)) {
                // rolled back with the whole transaction: the image stays as it was
                throw new TransactionRefusal();
            }
            insert(connection, upload.get(), upload.get().owner().isPresent() ? reserve : 0);
            return upload;
        }, TransactionRefusal.class);
        if (began == null) {
            throw new QuotaExceededException("Image " + imageId + " does not fit the owner quota");
        }
        return began;
    }

    /** Moves the image to {@code transition.during()} for a new upload, if it is free in {@code transition.from()}. */
    Optional<Upload> take(Connection connection, String imageId, UploadTransition transition, String store)
            throws SQLException {
        String uploadId = UUID.randomUUID().toString();
        try (PreparedStatement update = connection.prepareStatement("UPDATE images SET status = ?, upload_id = ?,"
                + " upload_store = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND status = ? AND upload_id IS NULL")) {
            update.setString(1, transition.during().id());
            update.setString(2, uploadId);
            update.setString(3, store);
            update.setLong(4, clock.millis());
            update.setString(5, imageId);
            update.setString(6, transition.from().id());
            if (update.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(new Upload(uploadId, imageId, store, imageId + "." + uploadId, ownerOf(connection, imageId),
                transition.failed()));
    }

    /** Writes the row of an upload that just took its image, holding {@code reserved} bytes. */
    void insert(Connection connection, Upload upload, long reserved) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO image_uploads (upload_id, image_id,"
                + " store, object_id, owner, reserved_bytes, failed_status, state, lease_until, began_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'uploading', ?, ?)")) {
            insert.setString(1, upload.uploadId());
            insert.setString(2, upload.imageId());
            insert.setString(3, upload.store());
            insert.setString(4, upload.objectId());
            ImageRows.setNullable(insert, 5, upload.owner());
            insert.setLong(6, reserved);
            insert.setString(7, upload.failedStatus().id());
            insert.setLong(8, clock.millis() + lease.toMillis());
            insert.setLong(9, clock.millis());
            insert.executeUpdate();
        }
    }

    /**
     * Reserves {@code bytes} more of the owner's quota for a running upload.
     *
     * @return false if they do not fit, or the upload no longer holds its image
     */
    public boolean reserveMore(Upload upload, long bytes) {
        if (upload.owner().isEmpty()) {
            return true;
        }
        return Boolean.TRUE.equals(database.write("reserving quota for the upload to image " + upload.imageId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE image_uploads SET reserved_bytes ="
                    + " reserved_bytes + ? WHERE upload_id = ? AND state = 'uploading'")) {
                update.setLong(1, bytes);
                update.setString(2, upload.uploadId());
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            if (!OwnerUsage.reserve(connection, upload.owner(), bytes, quota)) {
                throw new TransactionRefusal();
            }
            return true;
        }, TransactionRefusal.class));
    }

    /**
     * Marks {@code upload}, refused more of its owner's quota while it streams, as waiting for
     * room, and tells whether it is the oldest of its owner's waiting uploads: that one waits (and
     * asks again), every other gives up, so that of uploads holding the quota's last bytes between
     * them one is kept rather than none.
     */
    public boolean waitsForRoom(Upload upload) {
        if (upload.owner().isEmpty()) {
            return true;
        }
        return database.write("waiting for room in an owner's quota", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE image_uploads SET waiting_since ="
                    + " COALESCE(waiting_since, ?) WHERE upload_id = ? AND state = 'uploading'")) {
                update.setLong(1, clock.millis());
                update.setString(2, upload.uploadId());
                update.executeUpdate();
            }
            // an upload whose node died (its lease lapsed) does not count: recovery ends it
            try (PreparedStatement select = connection.prepareStatement("SELECT upload_id FROM image_uploads"
                    + " WHERE owner = ? AND state = 'uploading' AND waiting_since IS NOT NULL AND lease_until >= ?"
                    + " ORDER BY COALESCE(began_at, 0), upload_id LIMIT 1")) {
                select.setString(1, upload.owner().get());
                select.setLong(2, clock.millis());
                try (ResultSet result = select.executeQuery()) {
                    return result.next() && result.getString(1).equals(upload.uploadId());
                }
            }
        });
    }

    /** Ends the wait of an upload that got its room. */
    public void stopsWaiting(Upload upload) {
        database.write("ending a wait for room in an owner's quota", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE image_uploads SET waiting_since = NULL WHERE upload_id = ?")) {
                update.setString(1, upload.uploadId());
                return update.executeUpdate();
            }
        });
    }

    /**
     * Extends the leases of running uploads.
     *
     * @return the upload ids among them that no longer hold their image (recovered by another
     *     node after their lease lapsed, or ended): their streams should stop
     */
    public List<String> renew(List<String> uploadIds) {
        long until = clock.millis() + lease.toMillis();
        return database.write("renewing upload leases", connection -> {
            List<String> lost = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE image_uploads SET lease_until = ? WHERE upload_id = ? AND state = 'uploading'")) {
                for (String uploadId : uploadIds) {
                    update.setLong(1, until);
                    update.setString(2, uploadId);
                    if (update.executeUpdate() != 1) {
                        lost.add(uploadId);
                    }
                }
            }
            return lost;
        });
    }

    /**
     * Makes the image {@code active} with its data if this upload still holds it, counts the
     * data against the owner, and removes the upload's row, in one transaction.
     *
     * @return false if it does not hold it (deleted, or recovered after a lapsed lease): nothing
     *     changed, and the caller {@linkplain #abandon abandons} the upload
     */
    public boolean finish(Upload upload, ImageData data) {
        return database.write("finishing the upload to image " + upload.imageId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET status = 'active',"
                    + " size = ?, checksum = ?, os_hash_algo = ?, os_hash_value = ?, upload_id = NULL, upload_store = NULL,"
                    + " updated_at = ?, version = version + 1 WHERE id = ? AND upload_id = ?")) {
                update.setLong(1, data.size());
                update.setString(2, data.checksum());
                update.setString(3, data.hashAlgorithm());
                update.setString(4, data.hashValue());
                update.setLong(5, clock.millis());
                update.setString(6, upload.imageId());
                update.setString(7, upload.uploadId());
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            ImageRows.insertLocations(connection, upload.imageId(), data.locations());
            OwnerUsage.settle(connection, upload.owner(), reservedBy(connection, upload.uploadId()), data.size());
            delete(connection, upload.uploadId());
            StagedRows.end(connection, upload.imageId());
            return true;
        });
    }

    /**
     * Returns the image to the upload's failed status if the upload still holds it, releases its
     * reservation and marks its row {@code ended}: what is left is to remove its object, then
     * {@link #forget} it (or recovery does both later).
     *
     * @return whether the image was returned (false: deleted or recovered meanwhile)
     */
    public boolean abandon(Upload upload) {
        return database.write("abandoning the upload to image " + upload.imageId(),
                connection -> end(connection, upload, reservedBy(connection, upload.uploadId())));
    }

    /** Removes the row of an ended upload whose object is gone. */
    public void forget(String uploadId) {
        database.write("forgetting upload " + uploadId, connection -> {
            delete(connection, uploadId);
            return null;
        });
    }

    /** Uploads whose lease lapsed (their node died, stalled or gave up), oldest first. */
    public List<LapsedUpload> lapsed(int limit) {
        return database.read("listing lapsed uploads", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + LAPSED_COLUMNS
                    + " FROM image_uploads WHERE lease_until < ? ORDER BY lease_until LIMIT ?")) {
                select.setLong(1, clock.millis());
                select.setInt(2, limit);
                return readLapsed(select);
            }
        });
    }

    /** The uploads of one image whose lease lapsed: ended ones whose object is left to remove, say. */
    public List<LapsedUpload> lapsed(String imageId) {
        return database.read("listing the lapsed uploads of image " + imageId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + LAPSED_COLUMNS
                    + " FROM image_uploads WHERE image_id = ? AND lease_until < ?")) {
                select.setString(1, imageId);
                select.setLong(2, clock.millis());
                return readLapsed(select);
            }
        });
    }

    private static List<LapsedUpload> readLapsed(PreparedStatement select) throws SQLException {
        List<LapsedUpload> lapsed = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                lapsed.add(new LapsedUpload(new Upload(result.getString(1), result.getString(2),
                        result.getString(3), result.getString(4), Optional.ofNullable(result.getString(5)),
                        ImageStatus.fromId(result.getString(6))), result.getLong(7), result.getLong(8)));
            }
        }
        return lapsed;
    }

    /**
     * Claims a lapsed upload for this recovering node, if no other node or renewal touched it
     * since it was listed: returns its image to the failed status (if the upload still held it),
     * releases its reservation and gives the claimer a lease to remove its object in.
     *
     * @return whether this caller claimed it
     */
    public boolean claimLapsed(LapsedUpload lapsed) {
        Upload upload = lapsed.upload();
        return database.write("recovering the upload to image " + upload.imageId(), connection -> {
            try (PreparedStatement claim = connection.prepareStatement("UPDATE image_uploads SET lease_until = ?,"
                    + " state = 'ended', reserved_bytes = 0 WHERE upload_id = ? AND lease_until = ?")) {
                claim.setLong(1, clock.millis() + lease.toMillis());
                claim.setString(2, upload.uploadId());
                claim.setLong(3, lapsed.leaseUntil());
                if (claim.executeUpdate() != 1) {
                    return false;
                }
            }
            returnImage(connection, upload);
            OwnerUsage.settle(connection, upload.owner(), lapsed.reserved(), 0);
            return true;
        });
    }

    private boolean end(Connection connection, Upload upload, long reserved) throws SQLException {
        boolean returned = returnImage(connection, upload);
        OwnerUsage.settle(connection, upload.owner(), reserved, 0);
        try (PreparedStatement update = connection.prepareStatement("UPDATE image_uploads SET state = 'ended',"
                + " reserved_bytes = 0, lease_until = ? WHERE upload_id = ?")) {
            update.setLong(1, clock.millis() + lease.toMillis());
            update.setString(2, upload.uploadId());
            update.executeUpdate();
        }
        return returned;
    }

    /** Returns the image to the upload's failed status if the upload still holds it; its staged data goes too. */
    private boolean returnImage(Connection connection, Upload upload) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE images SET status = ?, upload_id = NULL,"
                + " upload_store = NULL, updated_at = ?, version = version + 1 WHERE id = ? AND upload_id = ?")) {
            update.setString(1, upload.failedStatus().id());
            update.setLong(2, clock.millis());
            update.setString(3, upload.imageId());
            update.setString(4, upload.uploadId());
            if (update.executeUpdate() != 1) {
                return false;
            }
        }
        StagedRows.end(connection, upload.imageId());
        return true;
    }

    static long reservedBy(Connection connection, String uploadId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT reserved_bytes FROM image_uploads WHERE upload_id = ?")) {
            select.setString(1, uploadId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        }
    }

    static void delete(Connection connection, String uploadId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM image_uploads WHERE upload_id = ?")) {
            delete.setString(1, uploadId);
            delete.executeUpdate();
        }
    }

    static Optional<String> ownerOf(Connection connection, String imageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT owner FROM images WHERE id = ?")) {
            select.setString(1, imageId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** An upload whose lease lapsed, as listed: the lease value a claim is conditional on, and what it reserved. */
    public record LapsedUpload(Upload upload, long leaseUntil, long reserved) {
        public LapsedUpload {
            requireNonNull(upload, "upload is null");
        }
    }
}
