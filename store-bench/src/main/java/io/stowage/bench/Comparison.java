package io.stowage.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Stowage against one baseline over the same rounds: each round gives one ratio
 * (Stowage's rate / the baseline's rate, so above 1 means Stowage was faster), and the table
 * shows the median of these pair ratios and their range, next to each side's median rate and
 * its own spread.
 */
final class Comparison {
    private Comparison() {}

    static Row row(String scenario, Rounds rounds, String stowage, String baseline, Unit unit, Target target) {
        return row(scenario, rounds, stowage, baseline, baseline, unit, target);
    }

    /** @param baselineLabel how the baseline is named in the table */
    static Row row(String scenario, Rounds rounds, String stowage, String baseline, String baselineLabel, Unit unit,
            Target target) {
        return row(scenario, rounds.samples(stowage), rounds.samples(baseline), baselineLabel, unit, target);
    }

    /** A row of samples paired by round that were taken beside the rounds (such as the CPU time a server used). */
    static Row row(String scenario, List<Sample> ours, List<Sample> theirs, String baselineLabel, Unit unit, Target target) {
        List<Double> ratios = pairRatios(ours, theirs);
        double ratio = Stats.median(ratios);
        return new Row(scenario,
                withSpread(unit, Stats.rates(ours)),
                baselineLabel + ": " + withSpread(unit, Stats.rates(theirs)),
                String.format(Locale.ROOT, "%.2f×", ratio),
                String.format(Locale.ROOT, "%.2f–%.2f", Stats.min(ratios), Stats.max(ratios)),
                target.describe(),
                target.judge(ratio));
    }

    /** Stowage against whichever of {@code baselines} had the highest median rate. */
    static Row rowAgainstFastest(String scenario, Rounds rounds, String stowage, List<String> baselines, Unit unit,
            Target target) {
        String fastest = baselines.stream()
                .max(Comparator.comparingDouble(name -> Stats.median(Stats.rates(rounds.samples(name)))))
                .orElseThrow();
        return row(scenario, rounds, stowage, fastest, "fastest: " + fastest, unit, target);
    }

    static List<Double> pairRatios(List<Sample> ours, List<Sample> theirs) {
        if (ours.size() != theirs.size() || ours.isEmpty()) {
            throw new IllegalArgumentException("unpaired samples: " + ours.size() + " and " + theirs.size());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            ratios.add(ours.get(i).rate() / theirs.get(i).rate());
        }
        return ratios;
    }

    private static String withSpread(Unit unit, List<Double> rates) {
        return unit.rate(Stats.median(rates)) + String.format(Locale.ROOT, " ±%.0f%%", Stats.spreadPercent(rates) / 2);
    }
}
