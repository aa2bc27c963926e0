package io.stowage.tck.selftest;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.tck.memory.MemoryStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A correct memory store whose deletes cut the reads they meet, as {@code Store.delete}
 * allows, and in the order that tells whether a checker excuses them rightly: a delete waits
 * (bounded) until a read of its object begins, and that read — begun while the delete was
 * already waiting — is cut midway by it with a store error.
 */
final class DeleteCutsReadsStore extends ForwardingStore {
    private static final Duration WAIT_FOR_A_READ = Duration.ofMillis(500);
    private static final Duration WAIT_FOR_THE_CUT = Duration.ofSeconds(5);

    private final ConcurrentMap<URI, Pending> pendingDeletes = new ConcurrentHashMap<>();
    /** Reads cut midway, for the self-test to see that the case it is about happened. */
    final AtomicInteger cutReads = new AtomicInteger();

    DeleteCutsReadsStore(MemoryStore memory) {
        super(memory);
    }

    /** The reads of one object begun while a delete of it waits, and the delete's signal to cut them. */
    private static final class Pending {
        final CountDownLatch readBegun = new CountDownLatch(1);
        final CountDownLatch cut = new CountDownLatch(1);
    }






    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        ObjectStream data = memory.get(location, range);
        Pending pending = pendingDeletes.get(location.uri());
        if (pending == null || data.length() == 0) {
            return data;
        }
        pending.readBegun.countDown();
        InputStream cutting = new FilterInputStream(data) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    if (pending.cut.await(WAIT_FOR_THE_CUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        cutReads.incrementAndGet();
                        throw new StoreException("Reading " + location + " was cut by a delete");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.stowage.OperationInterruptedException("Reading " + location + " was interrupted", e);
                }
                return super.read(buffer, offset, length);
            }
        };
        return new ObjectStream(cutting, data.location(), data.objectSize(), data.offset(), data.length());
    }


    /** Waits (bounded) for a read of the object to begin, then deletes it and cuts that read. */
    @Override
    public void delete(Location location) throws IOException {
        Pending pending = new Pending();
        if (pendingDeletes.putIfAbsent(location.uri(), pending) != null) {
            memory.delete(location); // another delete waits already
            return;
        }
        try {
            pending.readBegun.await(WAIT_FOR_A_READ.toMillis(), TimeUnit.MILLISECONDS);
            memory.delete(location);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.stowage.OperationInterruptedException("Deleting " + location + " was interrupted", e);
        } finally {
            pendingDeletes.remove(location.uri(), pending);
            pending.cut.countDown();
        }
    }

}
