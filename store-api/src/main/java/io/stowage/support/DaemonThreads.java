package io.stowage.support;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads a store or a copy starts for its own work: daemon threads (they never keep the JVM
 * alive) named for what they do, so that a thread dump says whose they are.
 */
public final class DaemonThreads {
    private static final long IDLE_SECONDS = 30;

    private DaemonThreads() {}

    /**
     * A factory of daemon threads named {@code prefix} and a count from 1 ({@code
     * "stowage-file-writer-local-1"}).
     *
     * @param prefix the start of every thread's name
     * @return the factory
     */
    public static ThreadFactory named(String prefix) {
        requireNonNull(prefix, "prefix is null");
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * An executor that starts a thread per task when none is idle and ends a thread idle for 30
     * seconds: for tasks that each run as long as one copy ({@link PipelinedCopy}'s writers), so
     * that concurrent copies never wait for each other. Shut it down when its owner closes.
     *
     * @param prefix the start of every thread's name, as for {@link #named}
     * @return the executor
     */
    public static ExecutorService onDemand(String prefix) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named(prefix));
    }
}
