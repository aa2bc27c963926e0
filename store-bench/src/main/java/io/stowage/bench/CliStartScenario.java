package io.stowage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The wall time of {@code ./stowage stores} (the launcher script, its JVM and the embedded
 * default config), from process start to exit, run in an empty dir of the workspace. Beside it,
 * interleaved, the floor every JVM command pays: {@code java -version} with the launcher's JVM
 * options for metadata commands, reported as a row of its own. The target is absolute: under 0.3 s.
 */
final class CliStartScenario implements Scenario {
    private static final double LIMIT_SECONDS = 0.3;

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.CLI;
    }

    /** The {@code stowage} command to run: {@code --stowage}, else the checkout's launcher with its jar built. */
    static Path launcher(BenchOptions options) {
        if (options.launcher().isPresent()) {
            Path launcher = options.launcher().get();
            if (!Files.isExecutable(launcher)) {
                throw new IllegalStateException("--stowage: " + launcher + " is not an executable file");
            }
            return launcher;
        }
        Path launcher = options.repository().resolve("stowage");
        Path jar = options.repository().resolve("store-cli/target/stowage.jar");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("The process, cli, image, service and glance groups need " + launcher + " and " + jar
                    + ": run from the checkout (or pass --repo) after `./mvnw -q install -DskipTests`");
        }
        return launcher;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        Path launcher = launcher(context.options());
        Path cwd = context.workspace().dir("cli");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Contender stores = Contender.of("stowage stores", () -> {
            TimedProcess timed = TimedProcess.run(cwd, List.of(launcher.toString(), "stores"));
            if (!timed.output().contains("\"name\"") || !timed.output().contains("\"local\"")) {
                throw new IllegalStateException("`stowage stores` printed no store list: " + timed.output());
            }
            return new Sample(timed.nanos(), 1);
        });
        Contender jvm = Contender.of("java -version", () -> new Sample(TimedProcess.run(cwd, List.of(java, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-version")).nanos(), 1));
        Rounds rounds = Rounds.run("cli start", List.of(stores, jvm), 1, context.options().cliRuns(), context.log());
        List<Double> ours = Stats.seconds(rounds.samples("stowage stores"));
        List<Double> floor = Stats.seconds(rounds.samples("java -version"));
        double median = Stats.median(ours);
        return List.of(
                new Row("cli: `stowage stores` wall time",
                        seconds(median),
                        "JVM start (java -version): " + seconds(Stats.median(floor)),
                        "–",
                        range(ours),
                        String.format(Locale.ROOT, "< %.1f s", LIMIT_SECONDS),
                        median < LIMIT_SECONDS ? Row.Verdict.PASS : Row.Verdict.FAIL),
                new Row("cli: bare JVM start (`java -version`, the launcher's flags), for reference",
                        seconds(Stats.median(floor)), "–", "–", range(floor), "–", Row.Verdict.INFO));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f s", value);
    }

    private static String range(List<Double> values) {
        return String.format(Locale.ROOT, "%.3f–%.3f s", Stats.min(values), Stats.max(values));
    }
}
