package io.stowage.image.service.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The members of shared images: added {@code pending} by the owner, answered by the member. */
public final class MemberRegistry {
    private static final String COLUMNS = "image_id, member, status, created_at, updated_at";

    private final Database database;
    private final Clock clock;

    MemberRegistry(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Shares the image with {@code member} ({@code pending}).
     *
     * @return empty if it is a member already, or the image is gone
     */
    public Optional<Member> add(String imageId, String member) {
        long now = clock.millis();
        boolean added = database.write("adding member " + member + " to image " + imageId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO image_members (" + COLUMNS + ")"
                    + " SELECT id, ?, 'pending', ?, ? FROM images WHERE id = ? AND status <> 'deleted'"
                    + " ON CONFLICT (image_id, member) DO NOTHING")) {
                insert.setString(1, member);
                insert.setLong(2, now);
                insert.setLong(3, now);
                insert.setString(4, imageId);
                return insert.executeUpdate() == 1;
            }
        });
        return added ? find(imageId, member) : Optional.empty();
    }

    /** The image's members, by name. */
    public List<Member> list(String imageId) {
        return database.read("listing the members of image " + imageId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM image_members WHERE image_id = ? ORDER BY member")) {
                select.setString(1, imageId);
                return read(select);
            }
        });
    }

    public Optional<Member> find(String imageId, String member) {
        return database.read("reading member " + member + " of image " + imageId,
                connection -> findIn(connection, imageId, member));
    }

    /** Sets the member's answer; empty if it is not a member. */
    public Optional<Member> answer(String imageId, String member, MemberStatus status) {
        return database.write("updating member " + member + " of image " + imageId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE image_members SET status = ?,"
                    + " updated_at = ? WHERE image_id = ? AND member = ?")) {
                update.setString(1, status.id());
                update.setLong(2, clock.millis());
                update.setString(3, imageId);
                update.setString(4, member);
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return findIn(connection, imageId, member);
        });
    }

    /** Stops sharing the image with {@code member}; false if it was not a member. */
    public boolean remove(String imageId, String member) {
        return database.write("removing member " + member + " of image " + imageId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM image_members WHERE image_id = ? AND member = ?")) {
                delete.setString(1, imageId);
                delete.setString(2, member);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Member> findIn(Connection connection, String imageId, String member) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM image_members WHERE image_id = ? AND member = ?")) {
            select.setString(1, imageId);
            select.setString(2, member);
            return read(select).stream().findFirst();
        }
    }

    private static List<Member> read(PreparedStatement select) throws SQLException {
        List<Member> members = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                members.add(new Member(result.getString(1), result.getString(2),
                        MemberStatus.fromId(result.getString(3)).orElseThrow(() -> new SQLException("Unknown member status")),
                        Instant.ofEpochMilli(result.getLong(4)), Instant.ofEpochMilli(result.getLong(5))));
            }
        }
        return members;
    }
}
