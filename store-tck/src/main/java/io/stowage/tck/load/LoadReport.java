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
public record LoadReport(LoadProfile profile, Map<LoadEvent, Long> counts, List<String> problems, Duration elapsed) {
    public LoadReport {
        requireNonNull(profile, "profile is null");
        counts = Map.copyOf(counts);
        problems = List.copyOf(problems);
        requireNonNull(elapsed, "elapsed is null");
    }

    public long count(LoadEvent event) {
        return counts.getOrDefault(event, 0L);
    }

    /** Operations done in all. */
    public long operations() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for assertion messages: the profile, the counts and the number of problems. */
    public String summary() {
        return operations() + " operations in " + elapsed.toMillis() + " ms (" + profile + "): "
                + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                + "; " + problems.size() + " problem(s)";
    }
}
