package io.stowage.tck.load;

import io.stowage.Location;
import io.stowage.ObjectId;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** One id the load's callers share, and what they did to it. */
final class LoadSlot {
    final ObjectId id;
    /** The location of the latest stored add, which the callers read and delete. */
    final AtomicReference<Location> latest = new AtomicReference<>();
    /** Every location an add of this id reported (a store with several dirs may move an id). */
    final Set<Location> locations = ConcurrentHashMap.newKeySet();
    final Queue<LoadAttempt> stored = new ConcurrentLinkedQueue<>();
    final Queue<Delete> deletes = new ConcurrentLinkedQueue<>();
    final AtomicLong deletesStarted = new AtomicLong();
    /** Deletes of this id that have begun and not yet returned. */
    final AtomicInteger deletesRunning = new AtomicInteger();
    final LongAdder deletesNotFound = new LongAdder();

    LoadSlot(ObjectId id) {
        this.id = id;
    }

    /**
     * Whether a delete of this id may have cut a read that began when {@code started} was
     * taken: a delete already running then, or one begun since ({@code Store.delete} lets a
     * delete end the reads open on its object).
     */
    boolean deleteMayHaveCut(ReadStart started) {
        return started.deleteRunning() || deletesStarted.get() != started.deletesStarted();
    }

    /** What a read notes when it begins, to tell later whether a delete may have cut it. */
    ReadStart readStarts() {
        long started = deletesStarted.get();
        return new ReadStart(started, deletesRunning.get() > 0);
    }

    /** The deletes of the id begun, and whether one was running, when a read began. */
    record ReadStart(long deletesStarted, boolean deleteRunning) {}

    /** A delete that succeeded, stamped by the logical clock when it began and when it returned. */
    record Delete(long started, long ended) {}
}
