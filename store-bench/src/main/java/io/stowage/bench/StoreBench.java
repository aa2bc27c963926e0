package io.stowage.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command: measures Stowage against raw baselines in the same run and prints
 * one table of ratios. See {@code store-bench/README.md}.
 *
 * <p>Exit code 0 when every target was reached, 1 when one was missed, 2 on a usage error.
 */
public final class StoreBench {
    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (BenchOptions.HelpRequested e) {
            System.out.println(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("store-bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<Row> rows = run(options, System.out, System.err);
        System.exit(rows.stream().anyMatch(row -> row.verdict() == Row.Verdict.FAIL) ? 1 : 0);
    }

    /** Runs the selected scenarios, prints the header and table to {@code out}, progress to {@code log}. */
    static List<Row> run(BenchOptions options, PrintStream out, PrintStream log) throws Exception {
        String loadBefore = Machine.load();
        log.printf(Locale.ROOT, "store-bench: %s objects, %d runs (+%d warm-up), groups %s; load average %s%n",
                Sizes.format(options.size()), options.runs(), options.warmups(), groups(options), loadBefore);
        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        try (Workspace workspace = Workspace.create(options.workDir(), options.size())) {
            Thread cleanup = new Thread(workspace::close, "store-bench-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            BenchContext context = new BenchContext(options, workspace, log);
            for (Scenario scenario : scenarios()) {
                if (options.runs(scenario.group())) {
                    log.println("[" + scenario.group().id() + "]");
                    rows.addAll(scenario.run(context));
                }
            }
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        out.println();
        out.println("Machine: " + Machine.describe(options.workDir()));
        out.printf(Locale.ROOT, "Run: %s objects (heap probes %s), %d measured rounds after %d warm-up, interleaved;"
                        + " load average %s before, %s after; %.0f s%n",
                Sizes.format(options.size()), Sizes.format(options.heapSize()), options.runs(), options.warmups(),
                loadBefore, Machine.load(), (System.nanoTime() - start) / 1e9);
        out.println();
        ResultTable.print(rows, out);
        return rows;
    }

    static List<Scenario> scenarios() {
        return List.of(new WholeCommandScenarios(), new CliStartScenario(), new FileScenarios(), new DirectDownloadScenario(),
                new SmallObjectScenario(), new HttpScenarios(), new S3Scenarios(), new HeapScenario(),
                new ImageDownloadScenarios(), new ImageNodesScenario(), new RegistryScenario(), new ServiceScenarios(),
                new GlanceScenarios());
    }

    private static String groups(BenchOptions options) {
        return String.join(",", options.groups().stream().map(BenchOptions.Group::id).toList());
    }
}
