package io.stowage.image.service.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code owner_usage} rows: bytes stored by each owner's images and reserved by its uploads.
 * Every change is a single UPDATE of the owner's row inside the caller's transaction; a reservation
 * is conditional on the quota, so of racing uploads of one owner only those that fit get through.
 */
final class OwnerUsage {
    /** No owner quota. */
    static final long UNLIMITED = Long.MAX_VALUE;

    private OwnerUsage() {}

    /**
     * Adds {@code bytes} to the owner's reservation if stored + reserved + bytes stays within
     * {@code quota}; no owner means no quota.
     *
     * @return whether it fit
     */
    static boolean reserve(Connection connection, Optional<String> owner, long bytes, long quota) throws SQLException {
        if (owner.isEmpty() || bytes == 0) {
            return true;
        }
        ensureRow(connection, owner.get());
        String limit = quota == UNLIMITED ? "" : " AND stored_bytes + reserved_bytes + ? <= ?";
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE owner_usage SET reserved_bytes = reserved_bytes + ? WHERE owner = ?" + limit)) {
            update.setLong(1, bytes);
            update.setString(2, owner.get());
            if (quota != UNLIMITED) {
                update.setLong(3, bytes);
                update.setLong(4, quota);
            }
            return update.executeUpdate() == 1;
        }
    }

    /** Moves {@code reserved} bytes out of the reservation and {@code stored} bytes into (or, negative, out of) the stored total. */
    static void settle(Connection connection, Optional<String> owner, long reserved, long stored) throws SQLException {
        if (owner.isEmpty() || (reserved == 0 && stored == 0)) {
            return;
        }
        ensureRow(connection, owner.get());
        try (PreparedStatement update = connection.prepareStatement("UPDATE owner_usage SET reserved_bytes ="
                + " reserved_bytes - ?, stored_bytes = stored_bytes + ? WHERE owner = ?")) {
            update.setLong(1, reserved);
            update.setLong(2, stored);
            update.setString(3, owner.get());
            update.executeUpdate();
        }
    }

    private static void ensureRow(Connection connection, String owner) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO owner_usage (owner, stored_bytes,"
                + " reserved_bytes) VALUES (?, 0, 0) ON CONFLICT (owner) DO NOTHING")) {
            insert.setString(1, owner);
            insert.executeUpdate();
        }
    }
}
