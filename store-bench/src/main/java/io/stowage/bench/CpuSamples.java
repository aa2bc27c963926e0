package io.stowage.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time processes used during contenders' timed spans, one sample per span, kept beside
 * the wall-time samples of the same rounds (see {@link ProcessCpu}). On a loaded machine wall
 * time measures who got the cores, CPU time what the work cost; and a span's CPU time over its
 * wall time is how many cores it kept busy.
 */
final class CpuSamples {
    private final Map<String, List<Sample>> samples = new HashMap<>();

    /**
     * Runs {@code operation} and notes, under {@code name}, the CPU time process {@code pid} and
     * its descendants used meanwhile, as a sample that moved {@code units}.
     */
    <T> T noted(String name, long pid, long units, Contender.Operation<T> operation) throws Exception {
        long before = ProcessCpu.nanos(pid);
        T result = operation.run();
        samples.computeIfAbsent(name, key -> new ArrayList<>())
                .add(new Sample(Math.max(1, ProcessCpu.nanos(pid) - before), units));
        return result;
    }

    /** The samples noted under {@code name} in the measured rounds (the first {@code warmups} left out). */
    List<Sample> measured(String name, int warmups) {
        List<Sample> all = samples.getOrDefault(name, List.of());
        if (all.size() <= warmups) {
            throw new IllegalStateException("no CPU samples of " + name + " beyond the " + warmups + " warm-ups");
        }
        return all.subList(warmups, all.size());
    }

    /**
     * An info row: how many cores each contender kept busy in its timed spans (CPU time over wall
     * time, median of the measured rounds, each side's range in the spread column).
     */
    Row coresBusy(String scenario, Rounds rounds, String stowage, String baseline, int warmups) {
        List<Double> ours = cores(measured(stowage, warmups), rounds.samples(stowage));
        List<Double> theirs = cores(measured(baseline, warmups), rounds.samples(baseline));
        return new Row(scenario, String.format(Locale.ROOT, "%.2f cores", Stats.median(ours)),
                String.format(Locale.ROOT, "%s: %.2f cores", baseline, Stats.median(theirs)), "–",
                String.format(Locale.ROOT, "%.2f–%.2f; %.2f–%.2f", Stats.min(ours), Stats.max(ours), Stats.min(theirs),
                        Stats.max(theirs)),
                "–", Row.Verdict.INFO);
    }

    private static List<Double> cores(List<Sample> cpu, List<Sample> wall) {
        if (cpu.size() != wall.size()) {
            throw new IllegalArgumentException("unpaired samples: " + cpu.size() + " CPU, " + wall.size() + " wall");
        }
        List<Double> cores = new ArrayList<>();
        for (int i = 0; i < cpu.size(); i++) {
            cores.add((double) cpu.get(i).nanos() / wall.get(i).nanos());
        }
        return cores;
    }
}
