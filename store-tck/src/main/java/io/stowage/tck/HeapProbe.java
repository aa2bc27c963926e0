package io.stowage.tck;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The live heap of this JVM: used heap right after a full collection. Fails loudly when the
 * JVM ignores {@link System#gc()} (e.g. {@code -XX:+DisableExplicitGC}), since the
 * bounded-memory tests cannot measure anything then.
 */
final class HeapProbe {
    private HeapProbe() {}

    /** Collects garbage and returns the bytes still in use on the heap. */
    static long liveBytes() {
        long collections = collections();
        System.gc();
        if (collections() == collections) {
            throw new IllegalStateException("System.gc() collected nothing (is -XX:+DisableExplicitGC set?):"
                    + " the bounded-memory tests cannot measure the heap");
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
