package io.stowage.image.service.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads images from rows and writes their child rows (properties, tags, locations). */
final class ImageRows {
    static final String COLUMNS = "i.id, i.owner, i.status, i.name, i.visibility, i.protected, i.os_hidden,"
            + " i.container_format, i.disk_format, i.min_ram, i.min_disk, i.size, i.virtual_size, i.checksum,"
            + " i.os_hash_algo, i.os_hash_value, i.created_at, i.updated_at, i.version";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private ImageRows() {}

    /** The image rows of {@code result}, with their children loaded, in result order. */
    static List<Image> read(Connection connection, ResultSet result) throws SQLException {
        List<Row> rows = new ArrayList<>();
        while (result.next()) {
            rows.add(new Row(result));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Children children = Children.load(connection, rows.stream().map(row -> row.id).toList());
        List<Image> images = new ArrayList<>(rows.size());
        for (Row row : rows) {
            images.add(row.toImage(children));
        }
        return images;
    }

    static void insertChildren(Connection connection, String id, ImageAttributes attributes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO image_tags (image_id, tag) VALUES (?, ?)")) {
            for (String tag : attributes.tags()) {
                insert.setString(1, id);
                insert.setString(2, tag);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO image_properties (image_id, name, value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> property : attributes.properties().entrySet()) {
                insert.setString(1, id);
                insert.setString(2, property.getKey());
                insert.setString(3, property.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void deleteChildren(Connection connection, String id, String... tables) throws SQLException {
        for (String table : tables) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE image_id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        }
    }

    static void insertLocations(Connection connection, String id, List<ImageLocation> locations) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO image_locations (image_id, position, url, metadata) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < locations.size(); i++) {
                insert.setString(1, id);
                insert.setInt(2, i);
                insert.setString(3, locations.get(i).url());
                insert.setString(4, toJson(locations.get(i).metadata()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void setNullable(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static String toJson(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A string map cannot fail to serialise", e);
        }
    }

    static Map<String, String> fromJson(String text) throws SQLException {
        try {
            return JSON.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable location metadata in the registry", e);
        }
    }

    /** One image row before its children are attached. */
    private static final class Row {
        final String id;
        final Optional<String> owner;
        final ImageStatus status;
        final Optional<String> name;
        final Visibility visibility;
        final boolean isProtected;
        final boolean hidden;
        final Optional<String> containerFormat;
        final Optional<String> diskFormat;
        final int minRam;
        final int minDisk;
        final Long size;
        final String checksum;
        final String hashAlgorithm;
        final String hashValue;
        final Instant createdAt;
        final Instant updatedAt;
        final long version;

        Row(ResultSet result) throws SQLException {
            id = result.getString(1);
            owner = Optional.ofNullable(result.getString(2));
            status = ImageStatus.fromId(result.getString(3));
            name = Optional.ofNullable(result.getString(4));
            visibility = Visibility.fromId(result.getString(5))
                    .orElseThrow(() -> new SQLException("Unknown visibility in the registry for image " + id));
            isProtected = result.getBoolean(6);
            hidden = result.getBoolean(7);
            containerFormat = Optional.ofNullable(result.getString(8));
            diskFormat = Optional.ofNullable(result.getString(9));
            minRam = result.getInt(10);
            minDisk = result.getInt(11);
            long sizeValue = result.getLong(12);
            size = result.wasNull() ? null : sizeValue;
            checksum = result.getString(14);
            hashAlgorithm = result.getString(15);
            hashValue = result.getString(16);
            createdAt = Instant.ofEpochMilli(result.getLong(17));
            updatedAt = Instant.ofEpochMilli(result.getLong(18));
            version = result.getLong(19);
        }

        Image toImage(Children children) {
            ImageAttributes attributes = new ImageAttributes(name, visibility, isProtected, hidden, containerFormat,
                    diskFormat, minRam, minDisk, new TreeSet<>(children.tags.getOrDefault(id, List.of())),
                    children.properties.getOrDefault(id, Map.of()));
            List<ImageLocation> locations = children.locations.getOrDefault(id, List.of());
            Optional<ImageData> data = size != null && checksum != null && hashAlgorithm != null && hashValue != null
                    && !locations.isEmpty()
                    ? Optional.of(new ImageData(size, checksum, hashAlgorithm, hashValue, locations))
                    : Optional.empty();
            return new Image(id, owner, status, attributes, data, createdAt, updatedAt, version);
        }
    }

    /** The tags, properties and locations of a set of images, loaded with one query per table. */
    private static final class Children {
        final Map<String, List<String>> tags = new HashMap<>();
        final Map<String, Map<String, String>> properties = new HashMap<>();
        final Map<String, List<ImageLocation>> locations = new HashMap<>();

        static Children load(Connection connection, Collection<String> ids) throws SQLException {
            Children children = new Children();
            String in = "(" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")";
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT image_id, tag FROM image_tags WHERE image_id IN " + in)) {
                bind(select, ids);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        children.tags.computeIfAbsent(result.getString(1), k -> new ArrayList<>()).add(result.getString(2));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT image_id, name, value FROM image_properties WHERE image_id IN " + in)) {
                bind(select, ids);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        children.properties.computeIfAbsent(result.getString(1), k -> new TreeMap<>())
                                .put(result.getString(2), result.getString(3));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT image_id, url, metadata FROM image_locations WHERE image_id IN " + in + " ORDER BY image_id, position")) {
                bind(select, ids);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        children.locations.computeIfAbsent(result.getString(1), k -> new ArrayList<>())
                                .add(new ImageLocation(result.getString(2), fromJson(result.getString(3))));
                    }
                }
            }
            return children;
        }

        private static void bind(PreparedStatement statement, Collection<String> ids) throws SQLException {
            int index = 1;
            for (String id : ids) {
                statement.setString(index++, id);
            }
        }
    }
}
