package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The images and their lifecycle, in a JDBC database.
 *
 * <p>Every status change is one conditional UPDATE ({@code ... WHERE id = ? AND status = ?}, and
 * for the end of an upload {@code AND upload_id = ?}), so of two callers racing for the same
 * change exactly one wins and the other learns it from the row count; no read-then-write window
 * exists. Attribute changes are conditional on the {@link Image#version()} they were computed
 * from. Each method is one transaction. Uploads and their leases are in {@link #uploads()},
 * members of shared images in {@link #members()}, staged data in {@link #staging()}.
 */
public final class ImageRegistry implements AutoCloseable {
    /** The upload lease of {@link #open(String, Clock)}. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private final Database database;
    private final Clock clock;
    private final UploadRegistry uploads;
    private final MemberRegistry members;
    private final StagedUploads staging;
    private final LocationRegistry locations;

    private ImageRegistry(Database database, Clock clock, Duration lease, long ownerQuota) {
        this.database = database;
        this.clock = clock;
        this.uploads = new UploadRegistry(database, clock, lease, ownerQuota);
        this.members = new MemberRegistry(database, clock);
        this.staging = new StagedUploads(database, clock, uploads);
        this.locations = new LocationRegistry(database, clock, ownerQuota);
    }

    /** Opens the registry at a JDBC URL without credentials, quota or custom lease (SQLite, tests). */
    public static ImageRegistry open(String url, Clock clock) throws InvalidConfigurationException {
        return open(url, RegistryCredentials.NONE, clock, DEFAULT_LEASE, Long.MAX_VALUE);
    }

    /**
     * Opens the registry at a JDBC URL ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}),
     * migrating its schema.
     *
     * @param lease how long an upload's lease lasts after each renewal
     * @param ownerQuota the most bytes one owner's images and uploads may hold; {@link Long#MAX_VALUE} for none
     */
    public static ImageRegistry open(String url, RegistryCredentials credentials, Clock clock, Duration lease,
            long ownerQuota) throws InvalidConfigurationException {
        requireNonNull(clock, "clock is null");
        requireNonNull(lease, "lease is null");
        return new ImageRegistry(Database.open(url, credentials), clock, lease, ownerQuota);
    }

    /** The uploads: leases, quota reservations and recovery. */
    public UploadRegistry uploads() {
        return uploads;
    }

    /** The members of shared images. */
    public MemberRegistry members() {
        return members;
    }

    /** Staged data and its {@code glance-direct} import. */
    public StagedUploads staging() {
        return staging;
    }

    /** Data registered where it lives, and the locations of images. */
    public LocationRegistry locations() {
        return locations;
    }

    /** Adds a {@code queued} image. */
    public Image create(String id, Optional<String> owner, ImageAttributes attributes) throws DuplicateImageException {
        requireNonNull(id, "id is null");
        long now = clock.millis();
        boolean created = database.write("creating image " + id, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO images (id, owner, status, name,"
                    + " visibility, protected, os_hidden, container_format, disk_format, min_ram, min_disk, created_at,"
                    + " updated_at, version) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                insert.setString(1, id);
                ImageRows.setNullable(insert, 2, owner);
                ImageRows.setNullable(insert, 3, attributes.name());
                insert.setString(4, attributes.visibility().id());
                insert.setBoolean(5, attributes.isProtected());
                insert.setBoolean(6, attributes.hidden());
                ImageRows.setNullable(insert, 7, attributes.containerFormat());
                ImageRows.setNullable(insert, 8, attributes.diskFormat());
                insert.setInt(9, attributes.minRam());
                insert.setInt(10, attributes.minDisk());
                insert.setLong(11, now);
                insert.setLong(12, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (Database.isConstraintViolation(e)) {
                    return false;
                }
                throw e;
            }
            ImageRows.insertChildren(connection, id, attributes);
            return true;
        });
        if (!created) {
            throw new DuplicateImageException(id);
        }
        return find(id).orElseThrow(() -> new IllegalStateException("Image " + id + " vanished after its creation"));
    }

    /** The image, unless it is unknown or deleted. */
    public Optional<Image> find(String id) {
        requireNonNull(id, "id is null");
        return database.read("reading image " + id, connection -> findIn(connection, id));
    }

    private static Optional<Image> findIn(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ImageRows.COLUMNS + " FROM images i WHERE i.id = ? AND i.status <> 'deleted'")) {
            select.setString(1, id);
            try (ResultSet result = select.executeQuery()) {
                return ImageRows.read(connection, result).stream().findFirst();
            }
        }
    }

    /** One page of images in the query's order. */
    public List<Image> list(ImageQuery query) {
        ImageListSql sql = ImageListSql.of(query);
        return database.read("listing images", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.sql())) {
                sql.bind(select);
                try (ResultSet result = select.executeQuery()) {
                    return ImageRows.read(connection, result);
                }
            }
        });
    }

    /**
     * The database's plan for a list ({@code EXPLAIN QUERY PLAN} on SQLite, {@code EXPLAIN} on
     * PostgreSQL), one line per step: for operators, and for the benchmark, which checks that a
     * list reads an index in order instead of sorting every image.
     */
    public List<String> listPlan(ImageQuery query) {
        ImageListSql sql = ImageListSql.of(query);
        return database.read("explaining a list", connection -> {
            String explain = database.isPostgresql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ";
            try (PreparedStatement select = connection.prepareStatement(explain + sql.sql())) {
                sql.bind(select);
                List<String> plan = new java.util.ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        plan.add(database.isPostgresql() ? result.getString(1) : result.getString("detail"));
                    }
                }
                return plan;
            }
        });
    }

    /**
     * Replaces the attributes of an image that is still at {@code version}.
     *
     * @return false if it changed (or went) since that version: the caller re-reads and retries
     */
    public boolean update(String id, long version, ImageAttributes attributes) {
        return database.write("updating image " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET name = ?, visibility = ?,"
                    + " protected = ?, os_hidden = ?, container_format = ?, disk_format = ?, min_ram = ?, min_disk = ?,"
                    + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status <> 'deleted'")) {
                ImageRows.setNullable(update, 1, attributes.name());
                update.setString(2, attributes.visibility().id());
                update.setBoolean(3, attributes.isProtected());
                update.setBoolean(4, attributes.hidden());
                ImageRows.setNullable(update, 5, attributes.containerFormat());
                ImageRows.setNullable(update, 6, attributes.diskFormat());
                update.setInt(7, attributes.minRam());
                update.setInt(8, attributes.minDisk());
                update.setLong(9, clock.millis());
                update.setString(10, id);
                update.setLong(11, version);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            ImageRows.deleteChildren(connection, id, "image_tags", "image_properties");
            ImageRows.insertChildren(connection, id, attributes);
            return true;
        });
    }

    /** Moves the image from {@code from} to {@code to}; false if it was not in {@code from}. */
    public boolean changeStatus(String id, ImageStatus from, ImageStatus to) {
        if (from == ImageStatus.SAVING || to == ImageStatus.SAVING || to == ImageStatus.DELETED) {
            throw new IllegalArgumentException("Uploads and deletes have their own methods: " + from + " -> " + to);
        }
        return database.write("changing the status of image " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET status = ?, updated_at = ?,"
                    + " version = version + 1 WHERE id = ? AND status = ?")) {
                update.setString(1, to.id());
                update.setLong(2, clock.millis());
                update.setString(3, id);
                update.setString(4, from.id());
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Marks the image {@code deleted} if it is still at {@code version} and not protected: it is
     * no longer shown, an upload holding it can no longer finish, and the caller removes its data
     * and then {@link #purge purges} it.
     */
    public boolean markDeleted(String id, long version) {
        return database.write("deleting image " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE images SET status = 'deleted',"
                    + " upload_id = NULL, updated_at = ?, version = version + 1"
                    + " WHERE id = ? AND version = ? AND status <> 'deleted' AND protected = ?")) {
                update.setLong(1, clock.millis());
                update.setString(2, id);
                update.setLong(3, version);
                update.setBoolean(4, false);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            // size is set exactly while the image holds data: it no longer counts against its owner
            try (PreparedStatement select = connection.prepareStatement("SELECT owner, size FROM images WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet result = select.executeQuery()) {
                    if (result.next() && result.getString(1) != null) {
                        long size = result.getLong(2);
                        OwnerUsage.settle(connection, Optional.of(result.getString(1)), 0, result.wasNull() ? 0 : -size);
                    }
                }
            }
            StagedRows.end(connection, id);
            return true;
        });
    }

    /** Removes a {@code deleted} image's record once its data is gone. */
    public void purge(String id) {
        database.write("purging image " + id, connection -> {
            ImageRows.deleteChildren(connection, id, "image_locations", "image_tags", "image_properties");
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM images WHERE id = ? AND status = 'deleted'")) {
                delete.setString(1, id);
                return delete.executeUpdate();
            }
        });
    }

    /** The locations of images marked deleted whose data removal did not finish (retried at start). */
    public List<DeletedImage> deletedImages() {
        return database.read("listing deleted images", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM images WHERE status = 'deleted'")) {
                List<String> ids = new java.util.ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getString(1));
                    }
                }
                List<DeletedImage> deleted = new java.util.ArrayList<>();
                for (String id : ids) {
                    deleted.add(new DeletedImage(id, locationsIn(connection, id)));
                }
                return deleted;
            }
        });
    }

    private static List<ImageLocation> locationsIn(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ImageRows.COLUMNS + " FROM images i WHERE i.id = ?")) {
            select.setString(1, id);
            try (ResultSet result = select.executeQuery()) {
                return ImageRows.read(connection, result).stream().findFirst()
                        .flatMap(Image::data).map(ImageData::locations).orElse(List.of());
            }
        }
    }

    @Override
    public void close() {
        database.close();
    }

    /** An image marked deleted and the locations of its data. */
    public record DeletedImage(String id, List<ImageLocation> locations) {
        public DeletedImage {
            requireNonNull(id, "id is null");
            locations = List.copyOf(locations);
        }
    }

}
