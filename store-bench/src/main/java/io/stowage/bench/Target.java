package io.stowage.bench;

import java.util.Locale;

/** What the median pair ratio of a comparison must reach; {@link #NONE} reports without judging. */
record Target(double minimumRatio) {
    static final Target NONE = new Target(Double.NaN);

    static Target atLeast(double ratio) {
        return new Target(ratio);
    }

    String describe() {
        return Double.isNaN(minimumRatio) ? "–" : String.format(Locale.ROOT, "≥ %.2f×", minimumRatio);
    }

    Row.Verdict judge(double ratio) {
        if (Double.isNaN(minimumRatio)) {
            return Row.Verdict.INFO;
        }
        return ratio >= minimumRatio ? Row.Verdict.PASS : Row.Verdict.FAIL;
    }
}
