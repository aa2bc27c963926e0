package io.stowage.image.service.upload;

import static java.util.Objects.requireNonNull;

import io.stowage.ChecksumAlgorithm;
import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes several digests of a stream, each on its own thread, while the stream is read.
 *
 * <p>Glance's upload computes MD5 (the legacy {@code checksum}) and the {@code os_hash} (SHA-512
 * by default in Glance, SHA-256 in this service) of every image. One after the other on the
 * reading thread MD5 and SHA-512 cost about 3 s of CPU per GiB, more than writing the data; on
 * their own threads they run beside each other and beside the write, so an upload takes as long
 * as the slowest digest (MD5, about 1.45 s per GiB) instead of the sum, given free cores.
 *
 * <p>{@link #wrap} returns a stream that passes the source's bytes through unchanged and copies
 * them into chunks that the digest threads read; a chunk returns to the pool once every digest has
 * read it. At most {@code chunkCount} chunks of {@code chunkSize} bytes exist per instance, so
 * memory is bounded; a reader that outruns the digests waits for a free chunk. One instance
 * digests one stream, once.
 */
public final class ParallelDigests {
    private static final Chunk END = new Chunk(new byte[0]);

    private final List<Worker> workers = new ArrayList<>();
    private final BlockingQueue<Chunk> free;
    private final int chunkSize;
    private final int chunkCount;
    private int allocated;
    private Chunk current;
    private boolean started;
    private boolean ended;

    /**
     * @param algorithms the digests to compute, one thread each
     * @param threads runs one task per algorithm for the life of the digest
     * @throws java.util.concurrent.RejectedExecutionException if {@code threads} refuses a task
     */
    public ParallelDigests(Set<ChecksumAlgorithm> algorithms, int chunkSize, int chunkCount, Executor threads) {
        requireNonNull(algorithms, "algorithms is null");
        requireNonNull(threads, "threads is null");
        if (algorithms.isEmpty() || chunkSize < 1 || chunkCount < 1) {
            throw new IllegalArgumentException("need an algorithm, a positive chunk size and count");
        }
        this.chunkSize = chunkSize;
        this.chunkCount = chunkCount;
        this.free = new ArrayBlockingQueue<>(chunkCount);
        for (ChecksumAlgorithm algorithm : algorithms) {
            workers.add(new Worker(algorithm, chunkCount));
        }
        List<Worker> running = new ArrayList<>();
        try {
            for (Worker worker : workers) {
                threads.execute(worker);
                running.add(worker);
            }
        } catch (RuntimeException e) {
            // the executor refused (it is shut down): end the digests that did start
            for (Worker worker : running) {
                worker.chunks.add(END);
            }
            throw e;
        }
        started = true;
    }

    /** The source, read through this digest. Closing it does not close the source. */
    public InputStream wrap(InputStream source) {
        requireNonNull(source, "source is null");
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return SingleByteRead.of(this);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = source.read(buffer, offset, length);
                if (n > 0) {
                    take(buffer, offset, n);
                } else if (n < 0) {
                    end();
                }
                return n;
            }
        };
    }

    private void take(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (current == null) {
                current = freeChunk();
            }
            int n = Math.min(length - done, chunkSize - current.length);
            System.arraycopy(buffer, offset + done, current.data, current.length, n);
            current.length += n;
            done += n;
            if (current.length == chunkSize) {
                publish();
            }
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            if (current != null && current.length > 0) {
                publish();
            }
            for (Worker worker : workers) {
                worker.chunks.add(END);
            }
        }
    }

    private Chunk freeChunk() throws InterruptedIOException {
        Chunk chunk = free.poll();
        if (chunk == null && allocated < chunkCount) {
            allocated++;
            return new Chunk(new byte[chunkSize]);
        }
        try {
            return chunk != null ? chunk : free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the digests");
        }
    }

    private void publish() {
        Chunk chunk = current;
        current = null;
        chunk.pending.set(workers.size());
        for (Worker worker : workers) {
            worker.chunks.add(chunk);
        }
    }

    /**
     * Waits for every digest to take in all the data read and returns them as lower-case hex.
     * Only after the wrapped stream reached its end.
     */
    public Map<ChecksumAlgorithm, String> finish() throws InterruptedIOException {
        if (!ended) {
            throw new IllegalStateException("The stream was not read to its end");
        }
        Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
        for (Worker worker : workers) {
            worker.await();
            values.put(worker.algorithm, HexFormat.of().formatHex(worker.digest.digest()));
        }
        return values;
    }

    /** Stops the digests (the data will not be used) and waits until their threads let go. */
    public void abort() {
        if (!started) {
            return;
        }
        for (Worker worker : workers) {
            worker.aborted = true;
        }
        if (!ended) {
            ended = true;
            for (Worker worker : workers) {
                worker.chunks.add(END);
            }
        }
        boolean interrupted = false;
        for (Worker worker : workers) {
            while (true) {
                try {
                    worker.done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Chunk {
        final byte[] data;
        final AtomicInteger pending = new AtomicInteger();
        int length;

        Chunk(byte[] data) {
            this.data = data;
        }
    }

    /** One digest on its own thread, taking chunks in order until the end marker. */
    private final class Worker implements Runnable {
        final ChecksumAlgorithm algorithm;
        final MessageDigest digest;
        /** Room for every chunk and the end marker: handing over never blocks. */
        final BlockingQueue<Chunk> chunks;
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean aborted;

        Worker(ChecksumAlgorithm algorithm, int chunkCount) {
            this.algorithm = algorithm;
            this.digest = algorithm.newDigest();
            this.chunks = new ArrayBlockingQueue<>(chunkCount + 1);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Chunk chunk = chunks.take();
                    if (chunk == END) {
                        return;
                    }
                    if (!aborted) {
                        digest.update(chunk.data, 0, chunk.length);
                    }
                    if (chunk.pending.decrementAndGet() == 0) {
                        chunk.length = 0;
                        free.add(chunk);
                    }
                }
            } catch (InterruptedException e) {
                // only a forced shutdown of the service's executor interrupts a digest; its upload fails
                aborted = true;
            } finally {
                done.countDown();
            }
        }

        void await() throws InterruptedIOException {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the " + algorithm.id() + " digest");
            }
            if (aborted) {
                throw new InterruptedIOException("The " + algorithm.id() + " digest was stopped");
            }
        }
    }
}
