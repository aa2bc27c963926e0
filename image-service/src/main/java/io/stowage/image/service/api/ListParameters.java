package io.stowage.image.service.api;

import io.stowage.image.service.registry.ImageQuery;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.MemberStatus;
import io.stowage.image.service.registry.SortKey;
import io.stowage.image.service.registry.Visibility;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.util.Fields;

/**
 * The query string of {@code GET /v2/images}: {@code limit}, {@code marker}, the order
 * ({@code sort_key}/{@code sort_dir} pairs, or {@code sort=key:dir,...}) and the filters (core
 * columns, {@code size_min}/{@code size_max}, {@code tag}, {@code protected}, {@code os_hidden},
 * {@code visibility}, and any other name as a property filter). Every value is checked: a wrong
 * one is a 400 naming the parameter.
 */
final class ListParameters {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;
    static final int MAX_PARAMETERS = 64;
    private static final Set<String> PAGING = Set.of("limit", "marker", "sort", "sort_key", "sort_dir");

    private ListParameters() {}

    static ImageQuery parse(Fields fields, Caller caller) throws ApiException {
        if (fields.getSize() > MAX_PARAMETERS) {
            throw ApiException.badRequest("At most " + MAX_PARAMETERS + " query parameters are accepted");
        }
        ImageQuery.Builder query = ImageQuery.builder(caller.admin(), caller.project());
        query.limit(limit(fields));
        String marker = single(fields, "marker");
        if (marker != null) {
            query.marker(marker);
        }
        sort(fields, query);
        for (Fields.Field field : fields) {
            String name = field.getName();
            if (PAGING.contains(name)) {
                continue;
            }
            for (String value : field.getValues()) {
                filter(name, value, query);
            }
        }
        return query.build();
    }

    private static void filter(String name, String value, ImageQuery.Builder query) throws ApiException {
        switch (name) {
            case "visibility" -> {
                if (value.equals("all")) {
                    query.allVisibilities();
                } else {
                    query.visibility(Visibility.fromId(value).orElseThrow(() -> ApiException.badRequest(
                            "Invalid visibility value: " + quote(value) + " (expected all, public, private, shared, community)")));
                }
            }
            case "status" -> {
                try {
                    ImageStatus status = ImageStatus.fromId(value.toLowerCase(Locale.ROOT));
                    query.column("status", status.id());
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("Invalid status value: " + quote(value));
                }
            }
            case "size_min" -> query.sizeMin(nonNegative(name, value));
            case "size_max" -> query.sizeMax(nonNegative(name, value));
            case "tag" -> query.tag(value);
            case "protected" -> query.isProtected(bool(name, value));
            case "os_hidden" -> query.hidden(bool(name, value));
            case "member_status" -> {
                if (value.equals("all")) {
                    query.memberStatus(java.util.Optional.empty());
                } else {
                    query.memberStatus(java.util.Optional.of(MemberStatus.fromId(value).orElseThrow(() -> ApiException.badRequest(
                            "Invalid member_status value: " + quote(value) + " (expected accepted, pending, rejected, all)"))));
                }
            }
            default -> {
                if (ImageQuery.Builder.COLUMN_FILTERS.contains(name)) {
                    query.column(name, value);
                } else if (ImageEdits.READ_ONLY.contains(name) || ImageEdits.CORE.contains(name)) {
                    throw ApiException.badRequest("Filtering by " + quote(name) + " is not supported");
                } else {
                    query.property(name, value);
                }
            }
        }
    }

    private static int limit(Fields fields) throws ApiException {
        String text = single(fields, "limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit < 0) {
                throw ApiException.badRequest("limit param must be positive");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
    }

    private static void sort(Fields fields, ImageQuery.Builder query) throws ApiException {
        List<String> keys = values(fields, "sort_key");
        List<String> dirs = values(fields, "sort_dir");
        String sort = single(fields, "sort");
        if (sort != null) {
            if (!keys.isEmpty() || !dirs.isEmpty()) {
                throw ApiException.badRequest("The 'sort' parameter cannot be combined with sort_key or sort_dir");
            }
            for (String part : sort.split(",", -1)) {
                String[] keyAndDir = part.trim().split(":", -1);
                if (keyAndDir.length > 2) {
                    throw ApiException.badRequest("Invalid sort value: " + quote(part));
                }
                query.sort(sortKey(keyAndDir[0].trim(), keyAndDir.length == 2 ? keyAndDir[1].trim() : "desc"));
            }
            return;
        }
        if (dirs.size() > 1 && dirs.size() != keys.size()) {
            throw ApiException.badRequest("Give one sort_dir, or one per sort_key");
        }
        for (int i = 0; i < keys.size(); i++) {
            String dir = dirs.isEmpty() ? "desc" : dirs.size() == 1 ? dirs.get(0) : dirs.get(i);
            query.sort(sortKey(keys.get(i), dir));
        }
        if (keys.isEmpty() && !dirs.isEmpty()) {
            query.sort(sortKey("created_at", dirs.get(0)));
        }
    }

    private static SortKey sortKey(String key, String dir) throws ApiException {
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.badRequest("Invalid sort direction: " + quote(dir) + " (expected asc or desc)");
        }
        return SortKey.of(key, dir.equals("asc"))
                .orElseThrow(() -> ApiException.badRequest("Invalid sort key: " + quote(key)));
    }

    /** The link to the page after {@code lastId}: the same parameters, the marker replaced. */
    static String next(Fields fields, String lastId) {
        List<String> parts = new ArrayList<>();
        for (Fields.Field field : fields) {
            if (field.getName().equals("marker")) {
                continue;
            }
            for (String value : field.getValues()) {
                parts.add(encode(field.getName()) + "=" + encode(value));
            }
        }
        parts.add("marker=" + encode(lastId));
        return "/v2/images?" + String.join("&", parts);
    }

    private static String single(Fields fields, String name) throws ApiException {
        List<String> values = values(fields, name);
        if (values.size() > 1) {
            throw ApiException.badRequest("Parameter " + name + " is given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Fields fields, String name) {
        Fields.Field field = fields.get(name);
        return field == null ? List.of() : field.getValues();
    }

    private static long nonNegative(String name, String value) throws ApiException {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("Parameter " + name + " must be a non-negative integer");
    }

    private static boolean bool(String name, String value) throws ApiException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Parameter " + name + " must be true or false");
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
