package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One page of a list: who asks (what they may see), the filters, the order, where the page
 * starts (after the marker image) and how many images it holds. Built by the API from the query
 * string, which it validates; the registry turns it into one SELECT.
 */
public final class ImageQuery {
    /** Which visibilities a list shows (Glance's {@code visibility} filter; {@code DEFAULT} when absent). */
    public enum Scope { DEFAULT, ALL, ONE }

    private final boolean admin;
    private final Optional<String> project;
    private final Scope scope;
    private final Optional<Visibility> visibility;
    private final Optional<Boolean> hidden;
    private final Map<String, String> columns;
    private final OptionalLong sizeMin;
    private final OptionalLong sizeMax;
    private final Optional<Boolean> isProtected;
    private final List<String> tags;
    private final Map<String, String> properties;
    private final List<SortKey> sort;
    private final Optional<String> marker;
    private final int limit;
    private final Optional<MemberStatus> memberStatus;

    private ImageQuery(Builder b) {
        this.admin = b.admin;
        this.project = b.project;
        this.scope = b.scope;
        this.visibility = b.visibility;
        this.hidden = b.hidden;
        this.columns = Collections.unmodifiableMap(new TreeMap<>(b.columns));
        this.sizeMin = b.sizeMin;
        this.sizeMax = b.sizeMax;
        this.isProtected = b.isProtected;
        this.tags = List.copyOf(b.tags);
        this.properties = Collections.unmodifiableMap(new TreeMap<>(b.properties));
        this.sort = b.sort.isEmpty() ? List.of(new SortKey("created_at", false)) : List.copyOf(b.sort);
        this.marker = b.marker;
        this.limit = b.limit;
        this.memberStatus = b.memberStatus;
    }

    public static Builder builder(boolean admin, Optional<String> project) {
        return new Builder(admin, project);
    }

    boolean admin() { return admin; }
    Optional<String> project() { return project; }
    Scope scope() { return scope; }
    Optional<Visibility> visibility() { return visibility; }
    Optional<Boolean> hidden() { return hidden; }
    Map<String, String> columns() { return columns; }
    OptionalLong sizeMin() { return sizeMin; }
    OptionalLong sizeMax() { return sizeMax; }
    Optional<Boolean> isProtected() { return isProtected; }
    List<String> tags() { return tags; }
    Map<String, String> properties() { return properties; }
    List<SortKey> sort() { return sort; }
    Optional<String> marker() { return marker; }
    /** Which shared images of others are listed: those whose membership has this status; empty for any. */
    Optional<MemberStatus> memberStatus() { return memberStatus; }
    /** The most images of the page. */
    public int limit() { return limit; }

    /** Builds a query; every value is checked by the API before it is set. */
    public static final class Builder {
        /** The image columns that filter by equality. */
        public static final List<String> COLUMN_FILTERS = List.of("name", "status", "owner", "container_format", "disk_format");

        private final boolean admin;
        private final Optional<String> project;
        private Scope scope = Scope.DEFAULT;
        private Optional<Visibility> visibility = Optional.empty();
        private Optional<Boolean> hidden = Optional.empty();
        private final Map<String, String> columns = new TreeMap<>();
        private OptionalLong sizeMin = OptionalLong.empty();
        private OptionalLong sizeMax = OptionalLong.empty();
        private Optional<Boolean> isProtected = Optional.empty();
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> properties = new TreeMap<>();
        private final List<SortKey> sort = new ArrayList<>();
        private Optional<String> marker = Optional.empty();
        private int limit = 25;
        private Optional<MemberStatus> memberStatus = Optional.of(MemberStatus.ACCEPTED);

        private Builder(boolean admin, Optional<String> project) {
            this.admin = admin;
            this.project = requireNonNull(project, "project is null");
        }

        /** Only images of this visibility (that the caller may see). */
        public Builder visibility(Visibility value) {
            this.scope = Scope.ONE;
            this.visibility = Optional.of(value);
            return this;
        }

        /** Every image the caller may see, community ones included. */
        public Builder allVisibilities() {
            this.scope = Scope.ALL;
            this.visibility = Optional.empty();
            return this;
        }

        public Builder hidden(boolean value) {
            this.hidden = Optional.of(value);
            return this;
        }

        /** {@code column} is one of {@link #COLUMN_FILTERS}. */
        public Builder column(String column, String value) {
            if (!COLUMN_FILTERS.contains(column)) {
                throw new IllegalArgumentException("Not a column filter: " + column);
            }
            columns.put(column, requireNonNull(value, "value is null"));
            return this;
        }

        public Builder sizeMin(long bytes) {
            this.sizeMin = OptionalLong.of(bytes);
            return this;
        }

        public Builder sizeMax(long bytes) {
            this.sizeMax = OptionalLong.of(bytes);
            return this;
        }

        public Builder isProtected(boolean value) {
            this.isProtected = Optional.of(value);
            return this;
        }

        public Builder tag(String tag) {
            tags.add(requireNonNull(tag, "tag is null"));
            return this;
        }

        public Builder property(String name, String value) {
            properties.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder sort(SortKey key) {
            sort.add(requireNonNull(key, "key is null"));
            return this;
        }

        public Builder marker(String id) {
            this.marker = Optional.of(requireNonNull(id, "id is null"));
            return this;
        }

        /** Shared images of others listed by the caller's member status ({@code accepted} by default); empty for all. */
        public Builder memberStatus(Optional<MemberStatus> status) {
            this.memberStatus = requireNonNull(status, "status is null");
            return this;
        }

        public Builder limit(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("limit must not be negative: " + value);
            }
            this.limit = value;
            return this;
        }

        public ImageQuery build() {
            return new ImageQuery(this);
        }
    }
}
