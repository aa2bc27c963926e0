package io.stowage.image.service.registry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link ImageQuery} into one SELECT: what the caller may see, the filters, keyset
 * paging after the marker (compared on every sort key, then the id) and the limit.
 */
final class ImageListSql {
    private final StringBuilder where = new StringBuilder("i.status <> 'deleted'");
    private final List<Object> parameters = new ArrayList<>();
    private final String orderBy;
    private final int limit;

    private ImageListSql(ImageQuery query) {
        visibility(query);
        hidden(query);
        for (Map.Entry<String, String> column : query.columns().entrySet()) {
            and("i." + column.getKey() + " = ?", column.getValue());
        }
        query.sizeMin().ifPresent(min -> and("i.size >= ?", min));
        query.sizeMax().ifPresent(max -> and("i.size <= ?", max));
        query.isProtected().ifPresent(value -> and("i.protected = ?", value));
        for (String tag : query.tags()) {
            and("EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.tag = ?)", tag);
        }
        for (Map.Entry<String, String> property : query.properties().entrySet()) {
            and("EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.name = ? AND p.value = ?)",
                    property.getKey(), property.getValue());
        }
        List<SortKey> keys = new ArrayList<>(query.sort());
        if (keys.stream().noneMatch(key -> key.key().equals("id"))) {
            keys.add(new SortKey("id", keys.get(0).ascending()));
        }
        query.marker().ifPresent(marker -> after(keys, marker));
        List<String> order = new ArrayList<>();
        for (SortKey key : keys) {
            order.add(key.expression() + (key.ascending() ? " ASC" : " DESC"));
        }
        this.orderBy = String.join(", ", order);
        this.limit = query.limit();
    }

    static ImageListSql of(ImageQuery query) {
        return new ImageListSql(query);
    }

    String sql() {
        return "SELECT " + ImageRows.COLUMNS + " FROM images i WHERE " + where + " ORDER BY " + orderBy + " LIMIT ?";
    }

    void bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        statement.setInt(index, limit);
    }

    private void visibility(ImageQuery query) {
        String project = query.project().orElse(null);
        List<Object> ownedParameter = project == null ? List.of() : List.of(project);
        String owned = project == null ? "1 = 0" : "i.owner = ?";
        // shared images the caller is a member of, with the member status asked for (accepted by default)
        List<Object> sharedParameters = new ArrayList<>(ownedParameter);
        String memberStatus = "";
        if (query.memberStatus().isPresent()) {
            memberStatus = " AND m.status = ?";
            sharedParameters.add(query.memberStatus().get().id());
        }
        String shared = project == null ? "1 = 0" : "(i.visibility = 'shared' AND EXISTS (SELECT 1 FROM image_members m"
                + " WHERE m.image_id = i.id AND m.member = ?" + memberStatus + "))";
        List<Object> ownedOrShared = new ArrayList<>(ownedParameter);
        ownedOrShared.addAll(sharedParameters);
        switch (query.scope()) {
            case DEFAULT -> {
                if (!query.admin()) {
                    andAll("(i.visibility = 'public' OR " + owned + " OR " + shared + ")", ownedOrShared);
                }
            }
            case ALL -> {
                if (!query.admin()) {
                    andAll("(i.visibility IN ('public', 'community') OR " + owned + " OR " + shared + ")", ownedOrShared);
                }
            }
            case ONE -> {
                Visibility visibility = query.visibility().orElseThrow();
                and("i.visibility = ?", visibility.id());
                if (!query.admin() && visibility == Visibility.PRIVATE) {
                    andAll(owned, ownedParameter);
                } else if (!query.admin() && visibility == Visibility.SHARED) {
                    andAll("(" + owned + " OR " + shared + ")", ownedOrShared);
                }
            }
        }
    }

    private void hidden(ImageQuery query) {
        and("i.os_hidden = ?", query.hidden().orElse(false));
    }

    /** Rows strictly after the marker in the order of {@code keys}: (k1 > m1) OR (k1 = m1 AND k2 > m2) OR ... */
    private void after(List<SortKey> keys, String marker) {
        List<String> alternatives = new ArrayList<>();
        List<Object> alternativeParameters = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                alternative.append(keys.get(j).expression()).append(" = ").append(markerValue(keys.get(j))).append(" AND ");
                alternativeParameters.add(marker);
            }
            SortKey key = keys.get(i);
            alternative.append(key.expression()).append(key.ascending() ? " > " : " < ").append(markerValue(key)).append(')');
            alternativeParameters.add(marker);
            alternatives.add(alternative.toString());
        }
        andAll("(" + String.join(" OR ", alternatives) + ")", alternativeParameters);
    }

    private static String markerValue(SortKey key) {
        return "(SELECT " + key.expression() + " FROM images i WHERE i.id = ?)";
    }

    private void and(String condition, Object... values) {
        andAll(condition, List.of(values));
    }

    private void andAll(String condition, List<Object> values) {
        where.append(" AND ").append(condition);
        parameters.addAll(values);
    }
}
