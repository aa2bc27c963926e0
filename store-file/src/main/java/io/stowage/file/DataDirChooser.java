package io.stowage.file;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Picks the data dir of a new object: among the dirs with enough free space, those of the
 * highest priority, and among them the one with the most free space (the first configured
 * on a tie). "Enough" is the declared size, or at least one byte when the size is unknown.
 */
final class DataDirChooser {
    /** A dir as the chooser sees it: its priority and its free space now. */
    record Option<T>(T dir, int priority, long usableSpace) {
        Option {
            requireNonNull(dir, "dir is null");
        }
    }

    private DataDirChooser() {}

    /**
     * @param options the dirs in config order
     * @param required the bytes the object needs, 0 when unknown
     * @return the chosen dir; empty when none has room
     */
    static <T> Optional<T> choose(List<Option<T>> options, long required) {
        long needed = Math.max(required, 1);
        Option<T> best = null;
        for (Option<T> option : options) {
            if (option.usableSpace() < needed) {
                continue;
            }
            if (best == null || option.priority() > best.priority()
                    || (option.priority() == best.priority() && option.usableSpace() > best.usableSpace())) {
                best = option;
            }
        }
        return Optional.ofNullable(best).map(Option::dir);
    }
}
