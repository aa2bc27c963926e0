package io.stowage.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peak heap of this JVM, from the GC MXBeans' notifications: the heap in use right before
 * each collection (the highest point since the previous one, garbage included) and right after
 * it (what survived: the live data plus whatever the collection did not reach).
 */
final class PeakHeap implements NotificationListener {
    private static final long WAIT_MILLIS = 5_000;

    private final Set<String> heapPools;
    private final List<GarbageCollectorMXBean> collectors;
    private long peakUsed;
    private long peakAfterGc;
    private long notifications;

    private PeakHeap() {
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        this.collectors = ManagementFactory.getGarbageCollectorMXBeans();
    }

    /** Starts listening to every collector of this JVM. */
    static PeakHeap start() {
        PeakHeap peak = new PeakHeap();
        for (GarbageCollectorMXBean collector : peak.collectors) {
            ((NotificationEmitter) collector).addNotificationListener(peak, null, null);
        }
        return peak;
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        peakUsed = Math.max(peakUsed, heapUsed(gc.getMemoryUsageBeforeGc()));
        peakAfterGc = Math.max(peakAfterGc, heapUsed(gc.getMemoryUsageAfterGc()));
        notifications++;
        notifyAll();
    }

    private long heapUsed(Map<String, MemoryUsage> usage) {
        return usage.entrySet().stream().filter(entry -> heapPools.contains(entry.getKey()))
                .mapToLong(entry -> entry.getValue().getUsed()).sum();
    }

    /** Waits (at most a few seconds) until every collection so far was reported, then returns the result. */
    synchronized Result result() throws InterruptedException {
        long collections = collections();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (notifications < collections && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Result(Math.max(peakUsed, now), peakAfterGc, collections,
                collectors.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+")));
    }

    private long collections() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    /**
     * @param peakUsed the most heap in use at any collection (or now), garbage included
     * @param peakAfterGc the most heap left after a collection
     */
    record Result(long peakUsed, long peakAfterGc, long collections, String collectorNames) {}
}
