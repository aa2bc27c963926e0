package io.stowage.tck.load;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a {@link LoadDriver} run: how often each {@link LoadEvent} happened, and every
 * broken rule found during the run or in the end state (a lost or corrupted object, a duplicate
 * that got in, an error outside the contract). A clean run has no problems.
 */
public final class LoadReport {
    private final LoadProfile profile;
    private final Map<LoadEvent, Long> counts;
    private final List<String> problems;
    private final Duration elapsed;

    LoadReport(LoadProfile profile, Map<LoadEvent, Long> counts, List<String> problems, Duration elapsed) {
        this.profile = requireNonNull(profile, "profile is null");
        this.counts = Map.copyOf(counts);
        this.problems = List.copyOf(problems);
        this.elapsed = requireNonNull(elapsed, "elapsed is null");
    }

    /** {@return the profile the run followed} */
    public LoadProfile profile() {
        return profile;
    }

    /** {@return how often each event happened} */
    public Map<LoadEvent, Long> counts() {
        return counts;
    }

    /** {@return every broken rule found, empty for a clean run} */
    public List<String> problems() {
        return problems;
    }

    /** {@return how long the run took} */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * How often {@code event} happened.
     *
     * @param event the event
     * @return the count, 0 when it never happened
     */
    public long count(LoadEvent event) {
        return counts.getOrDefault(event, 0L);
    }

    /** {@return the operations done in all} */
    public long operations() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@return one line for assertion messages: the profile, the counts and the number of problems} */
    public String summary() {
        return operations() + " operations in " + elapsed.toMillis() + " ms (" + profile + "): "
                + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                + "; " + problems.size() + " problem(s)";
    }

    /** {@return the summary} */
    @Override
    public String toString() {
        return summary();
    }
}
