package io.stowage.image.service.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Staged data in {@code image_uploads}: a finished stage keeps its row in state {@code staged},
 * with a lease that never lapses and the staged bytes still reserved against the owner, until an
 * import takes the data or the image no longer needs it.
 */
final class StagedRows {
    /** The lease of staged data: it waits for its import, not for a node. */
    static final long NEVER = Long.MAX_VALUE;

    private StagedRows() {}

    /**
     * Ends the staged data of an image (imported, given up, or its image deleted): the bytes it
     * held against the owner are released and its lease lapses at once, so that its object is
     * removed by the node that ended it or, if that one dies, by recovery.
     */
    static void end(Connection connection, String imageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT owner, reserved_bytes FROM image_uploads"
                + " WHERE image_id = ? AND state = 'staged'")) {
            select.setString(1, imageId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    OwnerUsage.settle(connection, Optional.ofNullable(result.getString(1)), result.getLong(2), 0);
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE image_uploads SET state = 'ended',"
                + " reserved_bytes = 0, lease_until = 0 WHERE image_id = ? AND state = 'staged'")) {
            update.setString(1, imageId);
            update.executeUpdate();
        }
    }
}
