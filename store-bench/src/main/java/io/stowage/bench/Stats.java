package io.stowage.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and extremes of measured values. */
final class Stats {
    private Stats() {}

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    static List<Double> rates(List<Sample> samples) {
        return samples.stream().map(Sample::rate).toList();
    }

    static List<Double> seconds(List<Sample> samples) {
        return samples.stream().map(Sample::seconds).toList();
    }

    /** Relative spread (max - min) / median, as a percentage. */
    static double spreadPercent(List<Double> values) {
        double median = median(values);
        return median == 0 ? 0 : (max(values) - min(values)) / median * 100;
    }

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String join(List<Double> values, String format) {
        return String.join(" ", Arrays.stream(array(values)).mapToObj(v -> String.format(java.util.Locale.ROOT, format, v)).toList());
    }
}
