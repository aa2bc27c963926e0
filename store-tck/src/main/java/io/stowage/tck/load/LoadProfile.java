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
 * add wrote the bytes it got. Immutable; start from {@link #standard} and change with the
 * {@code with...} methods.
 */
public final class LoadProfile {
    /** The system property that fixes the seed of the standard profile (e.g. to repeat a failed run). */
    public static final String SEED_PROPERTY = "stowage.load.seed";

    private final int threads;
    private final int slots;
    private final Duration duration;
    private final int operationsPerThread;
    private final long largeSize;
    private final int largeEvery;
    private final long seed;

    private LoadProfile(int threads, int slots, Duration duration, int operationsPerThread, long largeSize,
            int largeEvery, long seed) {
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
        this.threads = threads;
        this.slots = slots;
        this.duration = duration;
        this.operationsPerThread = operationsPerThread;
        this.largeSize = largeSize;
        this.largeEvery = largeEvery;
        this.seed = seed;
    }

    /** {@return how many callers run at once} */
    public int threads() {
        return threads;
    }

    /** {@return how many ids the callers share} */
    public int slots() {
        return slots;
    }

    /** {@return the longest a caller runs} */
    public Duration duration() {
        return duration;
    }

    /** {@return the most operations a caller does} */
    public int operationsPerThread() {
        return operationsPerThread;
    }

    /** {@return the size of the large adds, in bytes} */
    public long largeSize() {
        return largeSize;
    }

    /** {@return how often an add is large: every this-many-th} */
    public int largeEvery() {
        return largeEvery;
    }

    /**
     * {@return the seed of every random choice; failures name it} Threads make the interleaving
     * differ from run to run, but the operations each caller picks repeat.
     */
    public long seed() {
        return seed;
    }

    /**
     * Eight callers on sixteen ids for at most three seconds or 1500 operations each; large
     * objects of {@code largeSize} bytes (a store's {@code StoreTckEnvironment#largeSize()}).
     * The seed comes from {@value #SEED_PROPERTY} when set, else it is random.
     *
     * @param largeSize the size of the large adds, in bytes
     * @return the profile
     */
    public static LoadProfile standard(long largeSize) {
        Long fixed = Long.getLong(SEED_PROPERTY);
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        return new LoadProfile(8, 16, Duration.ofSeconds(3), 1500, largeSize, 16, seed);
    }

    /**
     * This profile with {@code count} callers.
     *
     * @param count positive
     * @return the new profile
     */
    public LoadProfile withThreads(int count) {
        return new LoadProfile(count, slots, duration, operationsPerThread, largeSize, largeEvery, seed);
    }

    /**
     * This profile with the callers sharing {@code count} ids.
     *
     * @param count positive
     * @return the new profile
     */
    public LoadProfile withSlots(int count) {
        return new LoadProfile(threads, count, duration, operationsPerThread, largeSize, largeEvery, seed);
    }

    /**
     * This profile with {@code value} as the seed of every random choice.
     *
     * @param value the seed
     * @return the new profile
     */
    public LoadProfile withSeed(long value) {
        return new LoadProfile(threads, slots, duration, operationsPerThread, largeSize, largeEvery, value);
    }

    /**
     * This profile with callers running at most {@code newDuration}.
     *
     * @param newDuration positive, at most 5 minutes
     * @return the new profile
     */
    public LoadProfile withDuration(Duration newDuration) {
        return new LoadProfile(threads, slots, newDuration, operationsPerThread, largeSize, largeEvery, seed);
    }

    /**
     * This profile with callers doing at most {@code operations}.
     *
     * @param operations positive
     * @return the new profile
     */
    public LoadProfile withOperationsPerThread(int operations) {
        return new LoadProfile(threads, slots, duration, operations, largeSize, largeEvery, seed);
    }

    /** {@return the profile in words, with the property that repeats its seed} */
    @Override
    public String toString() {
        return threads + " threads on " + slots + " ids, at most " + operationsPerThread + " operations each or "
                + duration.toMillis() + " ms, every " + largeEvery + "th add " + largeSize + " bytes, seed " + seed
                + " (-D" + SEED_PROPERTY + "=" + seed + ")";
    }
}
