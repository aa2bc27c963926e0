package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code glance-direct} import in the registry: a stage is an upload ({@link UploadTransition#STAGE})
 * whose end keeps the image {@code uploading} and its data in the staging store; the import is a
 * second upload ({@link UploadTransition#GLANCE_DIRECT}) that copies that data into the chosen
 * store. The staged data keeps its row in {@code image_uploads} (state {@code staged}, never
 * lapsing, its bytes counted against the owner) until the import ends either way or the image is
 * deleted; then its lease lapses at once and its object is removed, by recovery if need be.
 */
public final class StagedUploads {
    private final Database database;
    private final Clock clock;
    private final UploadRegistry uploads;

    StagedUploads(Database database, Clock clock, UploadRegistry uploads) {
        this.database = database;
        this.clock = clock;
        this.uploads = uploads;
    }

    /** Data waiting in the staging store for its import. */
    public record StagedData(String uploadId, String store, String objectId, ImageLocation location, long size) {
        public StagedData {
            requireNonNull(uploadId, "uploadId is null");
            requireNonNull(store, "store is null");
            requireNonNull(objectId, "objectId is null");
            requireNonNull(location, "location is null");
        }
    }

    /** An import that took a staged image: its upload and the data it copies. */
    public record StagedImport(Upload upload, StagedData staged) {
        public StagedImport {
            requireNonNull(upload, "upload is null");
            requireNonNull(staged, "staged is null");
        }
    }

    /**
     * Ends a stage that stored {@code size} bytes at {@code location}: the image stays
     * {@code uploading}, free for its import, and the data keeps what it holds of the owner's
     * quota (its size; the rest of the stage's reservation is released).
     *
     * @return false if the stage no longer holds the image (deleted meanwhile): nothing changed,
     *     and the caller abandons the stage
     */
    public boolean finish(Upload stage, ImageLocation location, long size) {
        return database.write("finishing the stage of image " + stage.imageId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET upload_id = NULL,"
                    + " upload_store = NULL, updated_at = ?, version = version + 1 WHERE id = ? AND upload_id = ?")) {
                update.setLong(1, clock.millis());
                update.setString(2, stage.imageId());
                update.setString(3, stage.uploadId());
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            long reserved = UploadRegistry.reservedBy(connection, stage.uploadId());
            long kept = Math.min(reserved, size);
            OwnerUsage.settle(connection, stage.owner(), reserved - kept, 0);
            try (PreparedStatement update = connection.prepareStatement("UPDATE image_uploads SET state = 'staged',"
                    + " reserved_bytes = ?, lease_until = ?, staged_url = ?, staged_metadata = ?, staged_size = ?"
                    + " WHERE upload_id = ?")) {
                update.setLong(1, kept);
                update.setLong(2, StagedRows.NEVER);
                update.setString(3, location.url());
                update.setString(4, ImageRows.toJson(location.metadata()));
                update.setLong(5, size);
                update.setString(6, stage.uploadId());
                update.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Takes a staged image ({@code uploading}, no stage running) for its import into
     * {@code store}: the image becomes {@code importing}, and what the staged data holds of the
     * owner's quota moves to the import, which needs as much.
     *
     * @return the import; empty if the image has no staged data or another import holds it
     */
    public Optional<StagedImport> beginImport(String imageId, String store) {
        Optional<StagedImport> begun = database.write("starting the import of image " + imageId, connection -> {
            // the write comes first: SQLite then holds the write lock for the whole transaction
            Optional<Upload> upload = uploads.take(connection, imageId, UploadTransition.GLANCE_DIRECT, store);
            if (upload.isEmpty()) {
                return Optional.empty();
            }
            Optional<StagedData> staged = stagedIn(connection, imageId);
            if (staged.isEmpty()) {
                throw new TransactionRefusal();
            }
            long held = UploadRegistry.reservedBy(connection, staged.get().uploadId());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE image_uploads SET reserved_bytes = 0 WHERE upload_id = ?")) {
                update.setString(1, staged.get().uploadId());
                update.executeUpdate();
            }
            uploads.insert(connection, upload.get(), held);
            return Optional.of(new StagedImport(upload.get(), staged.get()));
        }, TransactionRefusal.class);
        return begun == null ? Optional.empty() : begun;
    }

    private static Optional<StagedData> stagedIn(Connection connection, String imageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT upload_id, store, object_id, staged_url,"
                + " staged_metadata, staged_size FROM image_uploads WHERE image_id = ? AND state = 'staged'")) {
            select.setString(1, imageId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StagedData(result.getString(1), result.getString(2), result.getString(3),
                        new ImageLocation(result.getString(4), ImageRows.fromJson(result.getString(5))), result.getLong(6)));
            }
        }
    }
}
