package io.stowage.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/** What every scenario gets: the options, the workspace and where to log its progress. */
record BenchContext(BenchOptions options, Workspace workspace, PrintStream log) {
    BenchContext {
        requireNonNull(options, "options is null");
        requireNonNull(workspace, "workspace is null");
        requireNonNull(log, "log is null");
    }

    /** How many more rounds the quick scenarios run: their samples take a fraction of a second, so one stall weighs more. */
    static final int QUICK_FACTOR = 3;

    /** Runs interleaved rounds with the configured warm-ups and runs. */
    Rounds rounds(String scenario, java.util.List<Contender> contenders) throws Exception {
        return Rounds.run(scenario, contenders, options.warmups(), options.runs(), log);
    }

    /** Runs {@value #QUICK_FACTOR} times the configured rounds, for scenarios whose samples are short (reads from the page cache or loopback). */
    Rounds quickRounds(String scenario, java.util.List<Contender> contenders) throws Exception {
        return Rounds.run(scenario, contenders, options.warmups(), options.runs() * QUICK_FACTOR, log);
    }
}
