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
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one store with many callers at once — adds, whole and range reads (some abandoned
 * early), sizes and deletes, mixed at random on a few ids — and checks every answer against
 * what the callers did:
 * <ul>
 *   <li>every add either stores its object or is refused with
 *       {@link ObjectAlreadyExistsException}; its size and SHA-256 are those of its data;</li>
 *   <li>every read returns exactly the bytes of an add of that id (each add's size is unique,
 *       so the object size names the add), with the range rules kept; a read fails midway only
 *       with a store error and only if a delete of the id was running when it began or began
 *       since;</li>
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
    private static final int MAX_CHUNK = 64 * 1024;
    private static final int ABANDON_AFTER = 4096;
    private static final int MAX_RANGE_OFFSET = (int) SMALL_SIZE;

    private final Store store;
    private final LoadProfile profile;
    private final boolean ranges;
    private final List<LoadSlot> slots = new ArrayList<>();
    private final LoadLedger ledger = new LoadLedger();
    private final AtomicLong attemptNumbers = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();

    /**
     * @param profile the load profile
     * @param store a store with {@code READ}, {@code WRITE} and {@code DELETE}, holding none of
     *     the ids {@code load-0}, {@code load-1}, ...
     * @param rangeReads whether to read ranges ({@code RANGE_READ})
     */
    public LoadDriver(Store store, LoadProfile profile, boolean rangeReads) {
        this.store = requireNonNull(store, "store is null");
        this.profile = requireNonNull(profile, "profile is null");
        this.ranges = rangeReads;
        for (int i = 0; i < profile.slots(); i++) {
            slots.add(new LoadSlot(idOf(i)));
        }
    }

    /**
     * Runs the load, checks the end state, removes what is left and reports.
     *
     * @return the report of the run
     * @throws InterruptedException if the thread is interrupted while it waits
     */
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
                    ledger.problem("a caller died: " + LoadLedger.describe(e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    ledger.problem("a caller was still busy 2 minutes after the deadline (a hung operation)");
                }
            }
        } finally {
            callers.shutdownNow();
            if (!callers.awaitTermination(30, TimeUnit.SECONDS)) {
                ledger.problem("callers did not stop within 30 s of being interrupted");
            }
        }
        new LoadEndCheck(store, ledger).check(slots);
        removeEverything();
        return new LoadReport(profile, ledger.totals(), ledger.problems(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The id of slot {@code index}.
     *
     * @param index which one, from 0
     * @return the id
     */
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
                && !ledger.full(); i++) {
            LoadSlot slot = slots.get(random.nextInt(slots.size()));
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
                ledger.problem(operation + " failed outside the contract: " + LoadLedger.describe(e));
            }
        }
    }

    private void add(LoadSlot slot, Random random) throws IOException {
        long number = attemptNumbers.incrementAndGet();
        long size = (number % profile.largeEvery() == 0 ? profile.largeSize() : SMALL_SIZE) + number;
        LoadAttempt attempt = new LoadAttempt(number, slot, size, profile.seed() ^ (number * 0x9E3779B97F4A7C15L));
        ledger.register(attempt);
        Payload payload = attempt.payload();
        InputStream source = random.nextBoolean() ? payload.open()
                : Sources.shortReads(payload.open(), new Random(number), MAX_CHUNK);
        AddOptions options = random.nextBoolean() ? AddOptions.builder().expectedSize(size).build() : AddOptions.defaults();
        StoredObject stored;
        attempt.started = clock.incrementAndGet();
        try {
            stored = store.add(slot.id, source, options);
        } catch (ObjectAlreadyExistsException refused) {
            attempt.status.set(LoadAttempt.Status.REFUSED);
            if (attempt.seen) {
                ledger.problem("the data of an add of " + slot.id + " refused as a duplicate (" + size + " bytes) was read");
            }
            ledger.count(LoadEvent.DUPLICATE_REFUSED);
            return;
        } catch (IOException | RuntimeException e) {
            attempt.status.set(LoadAttempt.Status.FAILED);
            throw e;
        }
        attempt.returned = clock.incrementAndGet();
        attempt.status.set(LoadAttempt.Status.STORED);
        slot.stored.add(attempt);
        ledger.count(LoadEvent.ADDED);
        if (stored.size() != size) {
            ledger.problem("add of " + slot.id + " reported " + stored.size() + " bytes instead of " + size);
        }
        String sha256 = stored.checksums().value(ChecksumAlgorithm.SHA256).orElse("(none)");
        if (!sha256.equals(payload.sha256())) {
            ledger.problem("add of " + slot.id + " (" + size + " bytes) reported SHA-256 " + sha256 + " instead of " + payload.sha256());
        }
        // A store with several data dirs may put an id elsewhere each time: the callers use the latest location.
        slot.locations.add(stored.location());
        slot.latest.set(stored.location());
    }

    /** Reads {@code range}, at most {@code limit} bytes of it (fewer: the stream is abandoned), and checks them. */
    private void read(LoadSlot slot, Location location, ByteRange range, long limit) throws IOException {
        LoadSlot.ReadStart started = slot.readStarts();
        ObjectStream stream;
        try {
            stream = store.get(location, range);
        } catch (ObjectNotFoundException gone) {
            ledger.count(LoadEvent.NOT_FOUND);
            return;
        }
        try (stream) {
            Optional<LoadAttempt> writer = ledger.writerOf(slot, stream.objectSize(), "read of " + location);
            if (writer.isEmpty()) {
                return;
            }
            LoadAttempt attempt = writer.get();
            long expected = range.lengthWithin(stream.objectSize(), location);
            if (stream.offset() != range.offset() || stream.length() != expected) {
                ledger.problem("read of " + range + " of " + location + " (" + stream.objectSize() + " bytes) describes offset "
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
                if (cause instanceof StoreException && slot.deleteMayHaveCut(started)) {
                    ledger.count(LoadEvent.READ_BROKEN_BY_DELETE);
                    return;
                }
                ledger.problem("read of " + range + " of " + location + " failed midway, with no delete of it running: "
                        + LoadLedger.describe(cause));
                return;
            }
            if (mismatch.isPresent()) {
                ledger.problem("read of " + range + " of " + location + " returned wrong data (" + attempt + "): " + mismatch.get());
                return;
            }
            ledger.count(limit < expected ? LoadEvent.READ_ABANDONED : range.isAll() ? LoadEvent.READ : LoadEvent.RANGE_READ);
        }
    }

    private void size(LoadSlot slot, Location location) throws IOException {
        long size;
        try {
            size = store.size(location);
        } catch (ObjectNotFoundException gone) {
            ledger.count(LoadEvent.NOT_FOUND);
            return;
        }
        if (ledger.writerOf(slot, size, "size of " + location).isPresent()) {
            ledger.count(LoadEvent.SIZED);
        }
    }

    private void delete(LoadSlot slot, Location location) throws IOException {
        slot.deletesRunning.incrementAndGet();
        slot.deletesStarted.incrementAndGet();
        long started = clock.incrementAndGet();
        try {
            store.delete(location);
        } catch (ObjectNotFoundException gone) {
            slot.deletesNotFound.increment();
            ledger.count(LoadEvent.DELETE_NOT_FOUND);
            return;
        } finally {
            slot.deletesRunning.decrementAndGet();
        }
        slot.deletes.add(new LoadSlot.Delete(started, clock.incrementAndGet()));
        ledger.count(LoadEvent.DELETED);
    }

    private void removeEverything() {
        for (LoadSlot slot : slots) {
            for (Location location : slot.locations) {
                try {
                    store.delete(location);
                } catch (ObjectNotFoundException alreadyGone) {
                    // nothing left there
                } catch (IOException | RuntimeException e) {
                    ledger.problem("removing " + location + " after the run failed: " + LoadLedger.describe(e));
                }
            }
        }
    }
}
