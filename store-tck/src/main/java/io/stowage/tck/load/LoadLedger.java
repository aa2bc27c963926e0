package io.stowage.tck.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** What the load's callers did and found: every add by its unique size, the event counts and the problems. */
final class LoadLedger {
    private static final int MAX_PROBLEMS = 50;

    private final ConcurrentMap<Long, LoadAttempt> attemptsBySize = new ConcurrentHashMap<>();
    private final Map<LoadEvent, LongAdder> counts = new EnumMap<>(LoadEvent.class);
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    LoadLedger() {
        for (LoadEvent event : LoadEvent.values()) {
            counts.put(event, new LongAdder());
        }
    }

    /** Records an add before it starts; sizes are unique, so an object's size names the add that wrote it. */
    void register(LoadAttempt attempt) {
        if (attemptsBySize.putIfAbsent(attempt.size, attempt) != null) {
            throw new IllegalStateException("two adds of " + attempt.size + " bytes");
        }
    }

    Collection<LoadAttempt> attempts() {
        return attemptsBySize.values();
    }

    /** The add whose data has {@code size} bytes, if it was an add of {@code slot}; else a problem. */
    Optional<LoadAttempt> writerOf(LoadSlot slot, long size, String what) {
        LoadAttempt attempt = attemptsBySize.get(size);
        if (attempt == null || attempt.slot != slot) {
            problem(what + " found an object of " + size + " bytes, which no add of " + slot.id + " wrote"
                    + (attempt == null ? "" : " (an add of " + attempt.slot.id + " did)"));
            return Optional.empty();
        }
        attempt.seen = true;
        LoadAttempt.Status status = attempt.status.get();
        if (status == LoadAttempt.Status.REFUSED || status == LoadAttempt.Status.FAILED) {
            problem(what + " found the data of " + attempt + ", which was not stored");
        }
        return Optional.of(attempt);
    }

    void count(LoadEvent event) {
        counts.get(event).increment();
    }

    void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    /** Whether so many problems were found that the callers should stop. */
    boolean full() {
        return problems.size() >= MAX_PROBLEMS;
    }

    Map<LoadEvent, Long> totals() {
        Map<LoadEvent, Long> totals = new EnumMap<>(LoadEvent.class);
        counts.forEach((event, adder) -> totals.put(event, adder.sum()));
        return totals;
    }

    List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** An exception with its causes and where it was thrown, for a problem's text. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" / caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length > 0) {
            text.append(" at ").append(trace[0]);
        }
        return text.toString();
    }
}
