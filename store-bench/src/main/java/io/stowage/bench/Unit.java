package io.stowage.bench;

import java.util.Locale;

/** How the amount of a {@link Sample} is shown. */
enum Unit {
    /** Bytes, shown as MiB/s. */
    BYTES {
        @Override
        String rate(double perSecond) {
            return String.format(Locale.ROOT, "%.0f MiB/s", perSecond / Sizes.MIB);
        }
    },
    /** Bytes per second of CPU time, shown as MiB per CPU-second. */
    BYTES_PER_CPU_SECOND {
        @Override
        String rate(double perSecond) {
            return String.format(Locale.ROOT, "%.0f MiB/CPU-s", perSecond / Sizes.MIB);
        }
    },
    /** Completed operations, shown as ops/s. */
    OPERATIONS {
        @Override
        String rate(double perSecond) {
            return String.format(Locale.ROOT, "%.0f ops/s", perSecond);
        }
    };

    abstract String rate(double perSecond);
}
