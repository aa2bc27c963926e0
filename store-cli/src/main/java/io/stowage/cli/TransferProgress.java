package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import io.stowage.ProgressListener;
import java.io.PrintStream;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for long transfers. It appears only once a transfer has run
 * longer than the delay (one second; the system property {@value #DELAY_PROPERTY} sets it in
 * milliseconds), so short commands print nothing, and never when the bar is disabled
 * ({@code -q}, or stderr is no terminal). May be told of progress from any thread.
 */
final class TransferProgress implements ProgressListener, AutoCloseable {
    static final String DELAY_PROPERTY = "stowage.progress.delay-ms";
    private static final long DEFAULT_DELAY_MILLIS = 1000;
    private static final int DEFAULT_WIDTH = 80;

    private final String task;
    private final OptionalLong total;
    private final PrintStream err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private final long delayNanos;
    private volatile ProgressBar bar;
    private volatile boolean closed;

    private TransferProgress(String task, OptionalLong total, PrintStream err, boolean enabled) {
        this.task = requireNonNull(task, "task is null");
        this.total = requireNonNull(total, "total is null");
        this.err = requireNonNull(err, "err is null");
        this.enabled = enabled;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis());
    }

    /** A bar for a transfer of {@code total} bytes (empty when unknown) that may appear on {@code err}. */
    static TransferProgress on(PrintStream err, String task, OptionalLong total) {
        return new TransferProgress(task, total, err, true);
    }

    /** A listener that never draws anything. */
    static TransferProgress none() {
        return new TransferProgress("none", OptionalLong.empty(), System.err, false);
    }

    @Override
    public void transferred(long bytesSoFar) {
        ProgressBar current = bar;
        if (current == null) {
            if (!enabled || closed || System.nanoTime() - started < delayNanos) {
                return;
            }
            current = start();
            if (current == null) {
                return;
            }
        }
        current.stepTo(bytesSoFar);
    }

    private synchronized ProgressBar start() {
        if (bar == null && !closed) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total.orElse(-1))
                    .setUnit("MiB", 1024 * 1024)
                    .showSpeed()
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(err, width()))
                    .build();
        }
        return bar;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static long delayMillis() {
        String value = System.getProperty(DELAY_PROPERTY);
        if (value != null) {
            try {
                return Math.max(0, Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return DEFAULT_DELAY_MILLIS;
            }
        }
        return DEFAULT_DELAY_MILLIS;
    }

    /** The terminal width from {@code COLUMNS}; asking the terminal itself would mean touching stdin. */
    private static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int width = Integer.parseInt(columns.strip());
                if (width >= 20) {
                    return width - 1;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return DEFAULT_WIDTH - 1;
    }
}
