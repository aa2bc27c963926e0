package io.stowage.bench;

import io.stowage.image.service.nodes.PostgresServer;
import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageQuery;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.RegistryCredentials;
import io.stowage.image.service.registry.Visibility;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The image registry on PostgreSQL (Debian's, durable: fsync on) against SQLite (the embedded
 * default, {@code synchronous=FULL}), through the registry's own API: the latency of one create,
 * one show (by id) and one list (the first page of 25 a project sees, newest first) at a tenth of
 * {@code --registry-images} and at all of them, as p50 and p99 over {@code --registry-calls}
 * calls each. Images belong to ten projects, one in ten public. A list must not grow slower with
 * the image count: its p50 at the full count over its p50 at a tenth is held to at most 1.5×, and
 * its plan ({@link ImageRegistry#listPlan}) must read an index in order rather than sort.
 * PostgreSQL's statistics are brought up to date after each fill ({@code ANALYZE}, what its
 * autovacuum does once a table grew by a tenth): with none, its planner takes a fresh table for
 * empty and sorts it.
 */
final class RegistryScenario implements Scenario {
    private static final int PROJECTS = 10;
    private static final double MOST_LIST_GROWTH = 1.5;

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.REGISTRY;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        int images = context.options().registryImages();
        int calls = context.options().registryCalls();
        Measured sqlite;
        Measured postgresql;
        String sqliteUrl = "jdbc:sqlite:" + context.workspace().dir("registry").resolve("images.db");
        try (ImageRegistry registry = ImageRegistry.open(sqliteUrl, Clock.systemUTC())) {
            sqlite = measure("SQLite", registry, images, calls, context, () -> { });
        }
        try (PostgresServer postgres = PostgresServer.startDurable()) {
            String url = postgres.createDatabase();
            try (ImageRegistry registry = ImageRegistry.open(url, new RegistryCredentials(Optional.of(postgres.user()),
                    Optional.empty()), Clock.systemUTC(), ImageRegistry.DEFAULT_LEASE, Long.MAX_VALUE)) {
                postgresql = measure("PostgreSQL", registry, images, calls, context, () -> analyze(url, postgres.user()));
            }
        }
        String at = String.format(Locale.ROOT, " at %,d images", images);
        List<Row> rows = new ArrayList<>();
        for (String operation : List.of("create", "show", "list")) {
            rows.add(new Row("registry " + operation + at + ", p50 / p99 per call",
                    "PostgreSQL " + postgresql.large().get(operation), "SQLite " + sqlite.large().get(operation),
                    "–", "–", "–", Row.Verdict.INFO));
        }
        for (Measured measured : List.of(postgresql, sqlite)) {
            double growth = measured.large().get("list").p50() / measured.small().get("list").p50();
            rows.add(new Row(String.format(Locale.ROOT, "registry list growth, %s (%,d → %,d images)", measured.database(),
                    images / 10, images), measured.large().get("list").toString(), "at " + (images / 10) + ": "
                    + measured.small().get("list"), String.format(Locale.ROOT, "%.2f×", growth), "–",
                    String.format(Locale.ROOT, "≤ %.1f×", MOST_LIST_GROWTH),
                    growth <= MOST_LIST_GROWTH ? Row.Verdict.PASS : Row.Verdict.FAIL));
            rows.add(new Row("registry list plan, " + measured.database(), measured.planSummary(), "–", "–",
                    "–", "no sort step", measured.sorts() ? Row.Verdict.FAIL : Row.Verdict.PASS));
        }
        return rows;
    }

    /** p50 and p99 of one operation's calls, in milliseconds. */
    record Latency(double p50, double p99) {
        static Latency of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(sorted[sorted.length / 2] / 1e6,
                    sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99);
        }
    }

    /** What one database measured, at a tenth of the images and at all of them, and its list plan at all of them. */
    record Measured(String database, Map<String, Latency> small, Map<String, Latency> large, List<String> plan) {
        /** The plan's scans and sorts, without costs and filters. */
        String planSummary() {
            return String.join("; ", plan.stream().map(line -> line.replaceAll("\\(cost=[^)]*\\)", "").replace("->", "").trim())
                    .filter(line -> line.contains("Scan") || line.contains("Sort") || line.startsWith("SCAN")
                            || line.startsWith("SEARCH") || line.contains("TEMP B-TREE"))
                    .toList());
        }

        /** Whether the plan sorts the rows instead of reading them in order. */
        boolean sorts() {
            return plan.stream().anyMatch(line -> line.contains("TEMP B-TREE") || line.trim().startsWith("Sort")
                    || line.contains("->  Sort") || line.contains("Incremental Sort"));
        }
    }

    /**
     * @param analyze brings the database's statistics up to date after a fill, as PostgreSQL's
     *     autovacuum does once a table has grown (so that the plan does not depend on when it ran)
     */
    private static Measured measure(String database, ImageRegistry registry, int images, int calls, BenchContext context,
            Runnable analyze) {
        Random random = new Random(42);
        List<String> ids = new ArrayList<>(images);
        context.log().printf(Locale.ROOT, "  registry %-10s filling %,d images%n", database, images / 10);
        fill(registry, ids, images / 10);
        analyze.run();
        Map<String, Latency> small = operations(registry, ids, calls, random);
        context.log().printf(Locale.ROOT, "  registry %-10s at %,d: %s; filling to %,d%n", database, ids.size(), small, images);
        fill(registry, ids, Math.max(0, images - ids.size() - calls));
        analyze.run();
        Map<String, Latency> large = operations(registry, ids, calls, random);
        List<String> plan = registry.listPlan(projectPage(0));
        context.log().printf(Locale.ROOT, "  registry %-10s at %,d: %s; plan %s%n", database, ids.size(), large, plan);
        return new Measured(database, small, large, plan);
    }

    /** Creates, then shows and lists, {@code calls} times each; the creates add to the registry. */
    private static Map<String, Latency> operations(ImageRegistry registry, List<String> ids, int calls, Random random) {
        long[] creates = new long[calls];
        long[] shows = new long[calls];
        long[] lists = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            create(registry, ids);
            creates[i] = System.nanoTime() - start;
        }
        for (int i = 0; i < calls; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            registry.find(id).orElseThrow(() -> new IllegalStateException("image " + id + " is missing"));
            shows[i] = System.nanoTime() - start;
        }
        for (int i = 0; i < calls; i++) {
            ImageQuery query = projectPage(random.nextInt(PROJECTS));
            long start = System.nanoTime();
            int listed = registry.list(query).size();
            lists[i] = System.nanoTime() - start;
            // a project sees at least its own tenth of the images
            if (listed < Math.min(query.limit(), ids.size() / PROJECTS)) {
                throw new IllegalStateException("a list page held " + listed + " images of " + ids.size());
            }
        }
        return Map.of("create", Latency.of(creates), "show", Latency.of(shows), "list", Latency.of(lists));
    }

    private static void fill(ImageRegistry registry, List<String> ids, int count) {
        for (int i = 0; i < count; i++) {
            create(registry, ids);
        }
    }

    private static void create(ImageRegistry registry, List<String> ids) {
        int n = ids.size();
        String id = UUID.randomUUID().toString();
        ImageAttributes attributes = new ImageAttributes(Optional.of("image-" + n), n % 10 == 0 ? Visibility.PUBLIC
                : Visibility.PRIVATE, false, false, Optional.of("bare"), Optional.of("raw"), 0, 0, new TreeSet<>(), Map.of());
        try {
            registry.create(id, Optional.of("project-" + (n % PROJECTS)), attributes);
        } catch (io.stowage.image.service.registry.DuplicateImageException e) {
            throw new IllegalStateException("a random image id was taken", e);
        }
        ids.add(id);
    }

    private static void analyze(String url, String user) {
        try (Connection connection = DriverManager.getConnection(url, user, ""); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed on the registry's PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The first page a project sees (its own images and the public ones), newest first: the v2 default list. */
    private static ImageQuery projectPage(int project) {
        return ImageQuery.builder(false, Optional.of("project-" + project)).limit(25).build();
    }
}
