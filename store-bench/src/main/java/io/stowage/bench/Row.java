package io.stowage.bench;

import static java.util.Objects.requireNonNull;

/**
 * One line of the result table, already formatted.
 *
 * @param scenario what was measured
 * @param stowage Stowage's median (rate, time or heap)
 * @param baseline the baseline's name and median
 * @param ratio the median of the per-round ratios Stowage / baseline (higher is better), or "–"
 * @param spread the lowest and highest per-round ratio, or the spread of the values
 * @param target what the scenario must reach
 * @param verdict whether it did
 */
record Row(String scenario, String stowage, String baseline, String ratio, String spread, String target, Verdict verdict) {
    enum Verdict {
        PASS("pass"), FAIL("FAIL"), INFO("info"),
        /** The scenario could not run here (a baseline is not installed); the row says why. */
        NOT_RUN("not run");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    Row {
        requireNonNull(scenario, "scenario is null");
        requireNonNull(stowage, "stowage is null");
        requireNonNull(baseline, "baseline is null");
        requireNonNull(ratio, "ratio is null");
        requireNonNull(spread, "spread is null");
        requireNonNull(target, "target is null");
        requireNonNull(verdict, "verdict is null");
    }
}
