package io.stowage.tck.load;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.ChecksumAlgorithm;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives one store with many callers at once — adds, whole and range reads (some abandoned
 * early), sizes and deletes, mixed at random on a few ids — and checks every answer against
 * what the callers did:
 * <ul>
 *   <li>every add either stores its object or is refused with
 *       {@link ObjectAlreadyExistsException}; its size and SHA-256 are those of its data;</li>
 *   <li>every read returns exactly the bytes of an add of that id (each add's size is unique,
 *       so the object size names the add), with the range rules kept; a read fails midway only
 *       with a store error and only while a delete of the id runs;</li>
 *   <li>the data of a refused add is never seen, and an id never holds more stored adds than
 *       one plus the deletes that could have removed them (no duplicate got in);</li>
 *   <li>at the end, each id holds what the operations' order allows (a logical clock stamps
 *       when each started and returned): an object only if it is the data of a stored add that
 *       no later add or delete can have replaced or removed (no delete that removed nothing),
 *       and nothing only if a delete ended after the last stored add began (nothing lost).</li>
 * </ul>
 * The checks need no linearizable delete: on S3, two racing deletes of one object may both
 * succeed (a HEAD, then an idempotent DELETE), and that is not counted against the store.
 * Any exception outside the contract is a problem. The run is bounded by operation count and
 * a deadline, never by sleeping. Afterwards the driver removes every object it left, so the
 * caller can check that the backend is empty and every stream released
 * ({@code StoreTckEnvironment#assertEmpty}).
 */
public final class LoadDriver {
    private static final long SMALL_SIZE = 1000;
    private static final int MAX_PROBLEMS = 50;
    private static final int MAX_CHUNK = 64 * 1024;
    private static final int ABANDON_AFTER = 4096;
    private static final int MAX_RANGE_OFFSET = (int) SMALL_SIZE;

    private final Store store;
    private final LoadProfile profile;
    private final boolean ranges;
    private final List<Slot> slots = new ArrayList<>();
    private final ConcurrentMap<Long, Attempt> attemptsBySize = new ConcurrentHashMap<>();
    private final AtomicLong attemptNumbers = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final Map<LoadEvent, LongAdder> counts = new EnumMap<>(LoadEvent.class);
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    /**
     * @param store a store with {@code READ}, {@code WRITE} and {@code DELETE}, holding none of
     *     the ids {@code load-0}, {@code load-1}, ...
     * @param rangeReads whether to read ranges ({@code RANGE_READ})
     */
    public LoadDriver(Store store, LoadProfile profile, boolean rangeReads) {
        this.store = requireNonNull(store, "store is null");
        this.profile = requireNonNull(profile, "profile is null");
        this.ranges = rangeReads;
        for (int i = 0; i < profile.slots(); i++) {
            slots.add(new Slot(idOf(i)));
        }
        for (LoadEvent event : LoadEvent.values()) {
            counts.put(event, new LongAdder());
        }
    }

    /** Runs the load, checks the end state, removes what is left and reports. */
    public LoadReport run() throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + profile.duration().toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(profile.threads(), runnable -> {
            Thread thread = new Thread(runnable, "stowage-load-caller");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int t = 0; t < profile.threads(); t++) {
                Random random = new Random(profile.seed() * 1_000_003L + t);
                running.add(callers.submit(() -> {
                    start.await();
                    call(random, deadline);
                    return null;
                }));
            }
            start.countDown();
            // A hung operation is a finding, not a reason to hang the build: wait well past the deadline.
            long guard = profile.duration().toNanos() + Duration.ofMinutes(2).toNanos();
            for (Future<?> future : running) {
                try {
                    future.get(Math.max(1, guard - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    problem("a caller died: " + describe(e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    problem("a caller was still busy 2 minutes after the deadline (a hung operation)");
                }
            }
        } finally {
            callers.shutdownNow();
            if (!callers.awaitTermination(30, TimeUnit.SECONDS)) {
                problem("callers did not stop within 30 s of being interrupted");
            }
        }
        checkEndState();
        removeEverything();
        Map<LoadEvent, Long> totals = new EnumMap<>(LoadEvent.class);
        counts.forEach((event, adder) -> totals.put(event, adder.sum()));
        return new LoadReport(profile, totals, new ArrayList<>(problems), Duration.ofNanos(System.nanoTime() - started));
    }

    /** The id of slot {@code index}. */
    public static ObjectId idOf(int index) {
        try {
            return ObjectId.of("load-" + index);
        } catch (io.stowage.InvalidIdException e) {
            throw new IllegalArgumentException("no id for slot " + index, e);
        }
    }

    // ---------------------------------------------------------------- the callers

    private void call(Random random, long deadline) {
        for (int i = 0; i < profile.operationsPerThread() && System.nanoTime() < deadline
                && problems.size() < MAX_PROBLEMS; i++) {
            Slot slot = slots.get(random.nextInt(slots.size()));
            Location location = slot.latest.get();
            int dice = random.nextInt(100);
            String operation = "?";
            try {
                if (location == null || dice < 30) {
                    operation = "add of " + slot.id;
                    add(slot, random);
                } else if (dice < 45) {
                    operation = "read of " + location;
                    read(slot, location, ByteRange.ALL, Long.MAX_VALUE);
                } else if (dice < 52) {
                    operation = "abandoned read of " + location;
                    read(slot, location, ByteRange.ALL, 1 + random.nextInt(ABANDON_AFTER));
                } else if (dice < 65 && ranges) {
                    ByteRange range = random.nextBoolean()
                            ? ByteRange.of(random.nextInt(MAX_RANGE_OFFSET), random.nextInt(3 * MAX_CHUNK))
                            : ByteRange.from(random.nextInt(MAX_RANGE_OFFSET));
                    operation = "read of " + range + " of " + location;
                    read(slot, location, range, Long.MAX_VALUE);
                } else if (dice < 75) {
                    operation = "size of " + location;
                    size(slot, location);
                } else {
                    operation = "delete of " + location;
                    delete(slot, location);
                }
            } catch (Exception | AssertionError e) {
                problem(operation + " failed outside the contract: " + describe(e));
            }
        }
    }

    private void add(Slot slot, Random random) throws IOException {
        long number = attemptNumbers.incrementAndGet();
        long size = (number % profile.largeEvery() == 0 ? profile.largeSize() : SMALL_SIZE) + number;
        Attempt attempt = new Attempt(number, slot, size, profile.seed() ^ (number * 0x9E3779B97F4A7C15L));
        if (attemptsBySize.putIfAbsent(size, attempt) != null) {
            throw new IllegalStateException("two adds of " + size + " bytes");
        }
        Payload payload = attempt.payload();
        InputStream source = random.nextBoolean() ? payload.open()
                : Sources.shortReads(payload.open(), new Random(number), MAX_CHUNK);
        AddOptions options = random.nextBoolean() ? AddOptions.builder().expectedSize(size).build() : AddOptions.defaults();
        StoredObject stored;
        attempt.started = clock.incrementAndGet();
        try {
            stored = store.add(slot.id, source, options);
        } catch (ObjectAlreadyExistsException refused) {
            attempt.status.set(Status.REFUSED);
            if (attempt.seen) {
                problem("the data of an add of " + slot.id + " refused as a duplicate (" + size + " bytes) was read");
            }
            count(LoadEvent.DUPLICATE_REFUSED);
            return;
        } catch (IOException | RuntimeException e) {
            attempt.status.set(Status.FAILED);
            throw e;
        }
        attempt.returned = clock.incrementAndGet();
        attempt.status.set(Status.STORED);
        slot.stored.add(attempt);
        count(LoadEvent.ADDED);
        if (stored.size() != size) {
            problem("add of " + slot.id + " reported " + stored.size() + " bytes instead of " + size);
        }
        String sha256 = stored.checksums().value(ChecksumAlgorithm.SHA256).orElse("(none)");
        if (!sha256.equals(payload.sha256())) {
            problem("add of " + slot.id + " (" + size + " bytes) reported SHA-256 " + sha256 + " instead of " + payload.sha256());
        }
        // A store with several data dirs may put an id elsewhere each time: the callers use the latest location.
        slot.locations.add(stored.location());
        slot.latest.set(stored.location());
    }

    /** Reads {@code range}, at most {@code limit} bytes of it (fewer: the stream is abandoned), and checks them. */
    private void read(Slot slot, Location location, ByteRange range, long limit) throws IOException {
        long deletesBefore = slot.deletesStarted.get();
        ObjectStream stream;
        try {
            stream = store.get(location, range);
        } catch (ObjectNotFoundException gone) {
            count(LoadEvent.NOT_FOUND);
            return;
        }
        try (stream) {
            Optional<Attempt> writer = writerOf(slot, stream.objectSize(), "read of " + location);
            if (writer.isEmpty()) {
                return;
            }
            Attempt attempt = writer.get();
            long expected = range.lengthWithin(stream.objectSize(), location);
            if (stream.offset() != range.offset() || stream.length() != expected) {
                problem("read of " + range + " of " + location + " (" + stream.objectSize() + " bytes) describes offset "
                        + stream.offset() + " and length " + stream.length() + " instead of " + range.offset() + " and "
                        + expected);
                return;
            }
            Optional<String> mismatch;
            try {
                if (limit < expected) {
                    byte[] first = stream.readNBytes((int) limit);
                    mismatch = attempt.payload().mismatch(new ByteArrayInputStream(first), range.offset(), limit);
                } else {
                    mismatch = attempt.payload().mismatch(stream, range.offset(), expected);
                }
            } catch (IOException | UncheckedIOException e) {
                Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
                if (cause instanceof StoreException && slot.deletesStarted.get() != deletesBefore) {
                    count(LoadEvent.READ_BROKEN_BY_DELETE);
                    return;
                }
                problem("read of " + range + " of " + location + " failed midway, with no delete of it running: "
                        + describe(cause));
                return;
            }
            if (mismatch.isPresent()) {
                problem("read of " + range + " of " + location + " returned wrong data (" + attempt + "): " + mismatch.get());
                return;
            }
            count(limit < expected ? LoadEvent.READ_ABANDONED : range.isAll() ? LoadEvent.READ : LoadEvent.RANGE_READ);
        }
    }

    private void size(Slot slot, Location location) throws IOException {
        long size;
        try {
            size = store.size(location);
        } catch (ObjectNotFoundException gone) {
            count(LoadEvent.NOT_FOUND);
            return;
        }
        if (writerOf(slot, size, "size of " + location).isPresent()) {
            count(LoadEvent.SIZED);
        }
    }

    private void delete(Slot slot, Location location) throws IOException {
        slot.deletesStarted.incrementAndGet();
        long started = clock.incrementAndGet();
        try {
            store.delete(location);
        } catch (ObjectNotFoundException gone) {
            slot.deletesNotFound.increment();
            count(LoadEvent.DELETE_NOT_FOUND);
            return;
        }
        slot.deletes.add(new Delete(started, clock.incrementAndGet()));
        count(LoadEvent.DELETED);
    }

    /** The add whose data has {@code size} bytes, if it was an add of {@code slot}; else a problem. */
    private Optional<Attempt> writerOf(Slot slot, long size, String what) {
        Attempt attempt = attemptsBySize.get(size);
        if (attempt == null || attempt.slot != slot) {
            problem(what + " found an object of " + size + " bytes, which no add of " + slot.id + " wrote"
                    + (attempt == null ? "" : " (an add of " + attempt.slot.id + " did)"));
            return Optional.empty();
        }
        attempt.seen = true;
        if (attempt.status.get() == Status.REFUSED || attempt.status.get() == Status.FAILED) {
            problem(what + " found the data of " + attempt + ", which was not stored");
        }
        return Optional.of(attempt);
    }

    // ---------------------------------------------------------------- the end

    private void checkEndState() {
        for (Slot slot : slots) {
            List<Attempt> present = new ArrayList<>();
            boolean readable = true;
            for (Location location : slot.locations) {
                try (ObjectStream stream = store.get(location)) {
                    Optional<Attempt> writer = writerOf(slot, stream.objectSize(), "final read of " + location);
                    if (writer.isEmpty()) {
                        readable = false;
                        continue;
                    }
                    present.add(writer.get());
                    writer.get().payload().mismatch(stream)
                            .ifPresent(m -> problem("final read of " + location + " returned wrong data: " + m));
                } catch (ObjectNotFoundException gone) {
                    // not at this location
                } catch (IOException | RuntimeException e) {
                    problem("final read of " + location + " failed: " + describe(e));
                    readable = false;
                }
            }
            if (!readable) {
                continue;
            }
            checkNoDuplicateGotIn(slot, present.size());
            if (present.size() > 1) {
                problem(slot.id + " is held " + present.size() + " times at once: " + present);
            } else if (present.size() == 1) {
                checkStillThere(slot, present.get(0));
            } else {
                checkGone(slot);
            }
        }
        for (Attempt attempt : attemptsBySize.values()) {
            if (attempt.seen && attempt.status.get() != Status.STORED) {
                problem("the data of " + attempt + " was read, but the add was " + attempt.status.get());
            }
        }
    }

    /**
     * Every stored add but the one still present must have been removed by its own delete: more stored adds than
     * that means one replaced another (a duplicate got in). Checked once every caller has finished, so the counts
     * are final; counted while callers ran, an add could see the deletes before its own and another add's publish.
     */
    private void checkNoDuplicateGotIn(Slot slot, int present) {
        long mayHaveRemoved = slot.deletesStarted.get() - slot.deletesNotFound.sum();
        long storedAdds = slot.stored.size();
        if (storedAdds > present + mayHaveRemoved) {
            problem(storedAdds + " adds of " + slot.id + " were stored and " + present + " is still there, but only "
                    + mayHaveRemoved + " deletes can have removed an object (a duplicate got in)");
        }
    }

    /** The object of {@code present} is there at the end: nothing after its add may have replaced or removed it. */
    private void checkStillThere(Slot slot, Attempt present) {
        for (Delete delete : slot.deletes) {
            if (delete.started > present.returned) {
                problem(slot.id + " still holds " + present + ", although a delete that began after that add returned"
                        + " succeeded (a delete that removed nothing)");
                return;
            }
        }
        for (Attempt other : slot.stored) {
            if (other != present && other.started > present.returned) {
                problem(slot.id + " holds " + present + ", although " + other + ", which began after it returned, was"
                        + " stored too");
                return;
            }
        }
    }

    /** {@code slot} holds nothing at the end: a delete must have ended after its last stored add began. */
    private void checkGone(Slot slot) {
        Attempt last = null;
        for (Attempt attempt : slot.stored) {
            if (last == null || attempt.started > last.started) {
                last = attempt;
            }
        }
        if (last == null) {
            return;
        }
        for (Delete delete : slot.deletes) {
            if (delete.ended > last.started) {
                return;
            }
        }
        problem(slot.id + " is gone, although no delete succeeded after " + last + " began (a lost object)");
    }

    private void removeEverything() {
        for (Slot slot : slots) {
            for (Location location : slot.locations) {
                try {
                    store.delete(location);
                } catch (ObjectNotFoundException alreadyGone) {
                    // nothing left there
                } catch (IOException | RuntimeException e) {
                    problem("removing " + location + " after the run failed: " + describe(e));
                }
            }
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void count(LoadEvent event) {
        counts.get(event).increment();
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    private static String describe(Throwable e) {
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

    private enum Status { PENDING, STORED, REFUSED, FAILED }

    /** One id the callers share. */
    private static final class Slot {
        final ObjectId id;
        final AtomicReference<Location> latest = new AtomicReference<>();
        final java.util.Set<Location> locations = ConcurrentHashMap.newKeySet();
        final Queue<Attempt> stored = new ConcurrentLinkedQueue<>();
        final Queue<Delete> deletes = new ConcurrentLinkedQueue<>();
        final AtomicLong deletesStarted = new AtomicLong();
        final LongAdder deletesNotFound = new LongAdder();

        Slot(ObjectId id) {
            this.id = id;
        }
    }

    /** A delete that succeeded, stamped by the logical clock when it began and when it returned. */
    private record Delete(long started, long ended) {}

    /** One add: its id, its unique size and its data, and when it began and returned (logical clock). */
    private static final class Attempt {
        final long number;
        final Slot slot;
        final long size;
        final long seed;
        final AtomicReference<Status> status = new AtomicReference<>(Status.PENDING);
        volatile boolean seen;
        volatile long started;
        volatile long returned;

        Attempt(long number, Slot slot, long size, long seed) {
            this.number = number;
            this.slot = slot;
            this.size = size;
            this.seed = seed;
        }

        Payload payload() {
            return Payload.of(size, seed);
        }

        @Override
        public String toString() {
            return "add #" + number + " of " + slot.id + " (" + size + " bytes)";
        }
    }
}
