package io.stowage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness runs end to end with tiny sizes and one round: every scenario of the store groups
 * (and, in a test of their own, of the image service's nodes and registry groups) produces its rows,
 * the transfers moved the right bytes (the contenders check that and would throw), the heap
 * probes finished with intact data, and the workspace is gone afterwards. The process and cli
 * groups run {@code stowage} as a script starting the CLI from this test's classpath (the
 * packaged jar does not exist yet when the tests run). Nothing here looks at a speed: on a CI
 * machine the ratios mean nothing.
 */
class StoreBenchSmokeTest {
    @TempDir
    Path workDir;

    @Test
    void runsTheStoreGroupsAndPrintsOneRowPerComparison() throws Exception {
        Path launcher = stowageOnTheTestClasspath();
        BenchOptions options = BenchOptions.parse(List.of("--size", "1m", "--runs", "1", "--warmups", "0",
                "--small-count", "5", "--heap-size", "4m", "--cli-runs", "1", "--dir", workDir.toString(),
                "--only", "process,cli,file,direct,small,http,s3,heap", "--stowage", launcher.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        List<Row> rows = StoreBench.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rows).extracting(Row::scenario).containsExactly(
                "process: `stowage add` (1 MiB)",
                "process: `stowage get -o` (1 MiB)",
                "process: `stowage get > file` (1 MiB)",
                "cli: `stowage stores` wall time",
                "cli: bare JVM start (`java -version`, the launcher's flags), for reference",
                "file add (1 MiB) vs raw durable copy",
                "file add (1 MiB) vs serial hash, then write",
                "file get (1 MiB) to a null sink",
                "direct download (file handler, 1 MiB)",
                "small objects: 4 KiB add+get+delete",
                "http get (1 MiB) vs curl",
                "http get (1 MiB) vs raw Java client",
                "s3 add (1 MiB), known size",
                "s3 add (1 MiB), unknown size",
                "s3 add (1 MiB), known size vs multipart + SHA-256",
                "s3 add (1 MiB), known size vs multipart + SHA-256 + If-None-Match",
                "s3 add (1 MiB), known size vs one PUT",
                "s3 get (1 MiB) to a null sink",
                "heap: file add 4 MiB, -Xmx64m",
                "heap: file get 4 MiB, -Xmx64m",
                "heap: http get 4 MiB, -Xmx64m",
                "heap: s3 add 4 MiB, -Xmx128m",
                "heap: s3 get 4 MiB, -Xmx128m");
        assertThat(rows).filteredOn(row -> row.scenario().startsWith("heap:"))
                .allSatisfy(row -> assertThat(row.verdict()).as(row.scenario() + ": " + row.stowage()).isEqualTo(Row.Verdict.PASS));
        assertThat(rows).filteredOn(row -> !row.scenario().startsWith("heap:") && !row.scenario().startsWith("cli:"))
                .allSatisfy(row -> assertThat(row.ratio()).matches("\\d+\\.\\d\\d×"));
        assertThat(rows).filteredOn(row -> row.scenario().startsWith("cli:"))
                .allSatisfy(row -> assertThat(row.stowage()).matches("\\d+\\.\\d{3} s"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| scenario ").contains("Machine: ");
        assertThat(table.lines().filter(line -> line.startsWith("| ")).count()).as("header and rows").isEqualTo(rows.size() + 1);
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).as("left in the work dir").containsExactly(launcher);
        }
    }

    /** A {@code stowage} script in the work dir that runs the CLI's main class on this JVM's classpath. */
    private Path stowageOnTheTestClasspath() throws Exception {
        Path script = workDir.resolve("stowage");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // JAVA_OPTS as the launcher takes it: the service group caps a node's heap with it
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $JAVA_OPTS -cp '"
                + System.getProperty("java.class.path") + "' io.stowage.cli.StowageCli \"$@\"\n");
        script.toFile().setExecutable(true);
        return script;
    }

    /**
     * The image service groups against {@code stowage serve} from this test's classpath and the
     * installed Glance: every row there, the uploads and downloads checked by the contenders (size
     * and MD5), the 16 concurrent transfers verified.
     */
    @Test
    @Tag("needs-glance")
    void runsTheServiceAndGlanceGroupsAgainstARealGlance() throws Exception {
        assertThat(GlanceApi.binary()).as("glance-api (Debian package glance-api) must be installed for the glance group")
                .isPresent();
        Path launcher = stowageOnTheTestClasspath();
        BenchOptions options = BenchOptions.parse(List.of("--size", "1m", "--runs", "1", "--warmups", "0",
                "--images", "30", "--concurrent-size", "1m", "--only", "service,glance", "--dir", workDir.toString(),
                "--stowage", launcher.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        List<Row> rows = StoreBench.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rows).extracting(Row::scenario).containsExactly(
                "service upload (1 MiB), curl -T",
                "service upload (1 MiB), curl -T, vs add with MD5 too",
                "service download (1 MiB), curl",
                "service: 16 concurrent 1 MiB uploads, then downloads, -Xmx256m",
                "glance: upload (1 MiB), both defaults",
                "glance: upload (1 MiB), same hashes (md5 + sha512)",
                "glance: upload (1 MiB), CPU of the server, both defaults",
                "glance: upload (1 MiB), CPU of the server, same hashes",
                "glance: download (1 MiB)",
                "glance: create, images per second",
                "glance: show, calls per second",
                "glance: list 30 images 25 a page, images per second");
        Row concurrent = rows.get(3);
        assertThat(concurrent.verdict()).as(concurrent.spread()).isEqualTo(Row.Verdict.PASS);
        assertThat(concurrent.spread()).isEqualTo("16/16 verified");
        assertThat(rows).filteredOn(row -> row != concurrent)
                .allSatisfy(row -> assertThat(row.ratio()).as(row.scenario()).matches("\\d+\\.\\d\\d×"));
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).as("left in the work dir").containsExactly(launcher);
        }
    }

    @Test
    void saysSoWhenGlanceIsNotInstalled() {
        List<Row> rows = GlanceScenarios.notRun(Sizes.GIB, 2000);

        assertThat(rows).extracting(Row::scenario).containsExactly(
                "glance: upload (1 GiB), both defaults",
                "glance: upload (1 GiB), same hashes (md5 + sha512)",
                "glance: upload (1 GiB), CPU of the server, both defaults",
                "glance: upload (1 GiB), CPU of the server, same hashes",
                "glance: download (1 GiB)",
                "glance: create, images per second",
                "glance: show, calls per second",
                "glance: list 2,000 images 25 a page, images per second");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.verdict()).isEqualTo(Row.Verdict.NOT_RUN);
            assertThat(row.baseline()).isEqualTo("not run: glance-api is not installed (Debian package glance-api)");
        });
    }

    @Test
    void runsTheImageServiceGroupsOnPostgresqlAndS3Proxy() throws Exception {
        BenchOptions options = BenchOptions.parse(List.of("--size", "1m", "--runs", "1", "--warmups", "0",
                "--only", "nodes,registry", "--registry-images", "200", "--registry-calls", "10", "--dir", workDir.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        List<Row> rows = StoreBench.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(rows).extracting(Row::scenario).containsExactly(
                "image upload (1 MiB) via node 1 of 2 (PostgreSQL, S3Proxy)",
                "image upload (1 MiB), CPU of the bench JVM",
                "image upload (1 MiB), cores the bench JVM kept busy",
                "image download (1 MiB) via node 2 of 2",
                "image download (1 MiB), CPU of the bench JVM",
                "image download (1 MiB), cores the bench JVM kept busy",
                "registry create at 200 images, p50 / p99 per call",
                "registry show at 200 images, p50 / p99 per call",
                "registry list at 200 images, p50 / p99 per call",
                "registry list growth, PostgreSQL (20 → 200 images)",
                "registry list plan, PostgreSQL",
                "registry list growth, SQLite (20 → 200 images)",
                "registry list plan, SQLite");
        assertThat(rows.get(0).ratio()).matches("\\d+\\.\\d\\d×");
        assertThat(rows.get(1).stowage()).matches("\\d+ MiB/CPU-s ±\\d+%");
        assertThat(rows.get(2).stowage()).matches("\\d+\\.\\d\\d cores");
        assertThat(rows.get(2).baseline()).matches("raw SDK multipart: \\d+\\.\\d\\d cores");
        assertThat(rows.get(6).stowage()).matches("PostgreSQL \\d+\\.\\d\\d / \\d+\\.\\d\\d ms");
        assertThat(rows.get(12).stowage()).contains("images_by_created_at");
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).as("left in the work dir").isEmpty();
        }
    }

    @Test
    void refusesUnknownGroupsAndOptions() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--only", "file,ftp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown group 'ftp'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--size", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size");
    }

    @Test
    void readsSizesAsPowersOf1024() {
        assertThat(Sizes.parse("1g", "--size")).isEqualTo(1L << 30);
        assertThat(Sizes.parse("512M", "--size")).isEqualTo(512L << 20);
        assertThat(Sizes.parse("4KiB", "--size")).isEqualTo(4096);
        assertThat(Sizes.parse("4096", "--size")).isEqualTo(4096);
    }

    @Test
    void pairRatiosAreTakenWithinEachRound() {
        List<Sample> ours = List.of(new Sample(1_000_000_000, 100), new Sample(2_000_000_000, 100));
        List<Sample> theirs = List.of(new Sample(500_000_000, 100), new Sample(4_000_000_000L, 100));

        assertThat(Comparison.pairRatios(ours, theirs)).containsExactly(0.5, 2.0);
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }
}
