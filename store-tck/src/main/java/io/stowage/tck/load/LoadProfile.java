package io.stowage.tck.load;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard and how long {@link LoadDriver} runs: {@code threads} callers doing mixed operations
 * on {@code slots} ids (few ids, so that adds, reads and deletes of one id collide often), each
 * caller stopping after {@code operationsPerThread} operations or when {@code duration} has
 * passed, whichever comes first. Every {@code largeEvery}-th add is about {@code largeSize}
 * bytes, the others about 1 KiB; each add's size is unique, which is how a read tells which
 * add wrote the bytes it got.
 *
 * @param seed the seed of every random choice; failures name it. Threads make the
 *     interleaving differ from run to run, but the operations each caller picks repeat.
 */
public record LoadProfile(int threads, int slots, Duration duration, int operationsPerThread, long largeSize,
        int largeEvery, long seed) {
    /** The system property that fixes the seed of the standard profile (e.g. to repeat a failed run). */
    public static final String SEED_PROPERTY = "stowage.load.seed";

    public LoadProfile {
        requireNonNull(duration, "duration is null");
        if (threads < 1 || slots < 1 || operationsPerThread < 1 || largeEvery < 1) {
            throw new IllegalArgumentException("threads, slots, operationsPerThread and largeEvery must be positive");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("duration must be positive and at most 5 minutes: " + duration);
        }
        if (largeSize < 0 || largeSize > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("largeSize must be between 0 and 64 MiB: " + largeSize);
        }
    }

    /**
     * Eight callers on sixteen ids for at most three seconds or 1500 operations each; large
     * objects of {@code largeSize} bytes (a store's {@code StoreTckEnvironment#largeSize()}).
     * The seed comes from {@value #SEED_PROPERTY} when set, else it is random.
     */
    public static LoadProfile standard(long largeSize) {
        Long fixed = Long.getLong(SEED_PROPERTY);
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        return new LoadProfile(8, 16, Duration.ofSeconds(3), 1500, largeSize, 16, seed);
    }

    public LoadProfile withDuration(Duration newDuration) {
        return new LoadProfile(threads, slots, newDuration, operationsPerThread, largeSize, largeEvery, seed);
    }

    public LoadProfile withOperationsPerThread(int operations) {
        return new LoadProfile(threads, slots, duration, operations, largeSize, largeEvery, seed);
    }

    @Override
    public String toString() {
        return threads + " threads on " + slots + " ids, at most " + operationsPerThread + " operations each or "
                + duration.toMillis() + " ms, every " + largeEvery + "th add " + largeSize + " bytes, seed " + seed
                + " (-D" + SEED_PROPERTY + "=" + seed + ")";
    }
}
