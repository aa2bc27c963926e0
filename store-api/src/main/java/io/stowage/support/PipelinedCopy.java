package io.stowage.support;

import static java.util.Objects.requireNonNull;

import io.stowage.OperationInterruptedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Copies a stream into a channel on two threads: the calling thread reads the source (and so
 * runs whatever the source does per byte, such as the checksums and checks of a
 * {@link io.stowage.integrity.VerifyingInputStream} around it) while a writer thread writes the
 * previous buffer. Hashing and disk writes overlap instead of taking turns, which is what
 * lets an add with SHA-256 keep up with a raw copy on two cores (the file store's adds), and a
 * download through an API keep its hashing off the disk's path (the direct downloader's
 * fallback). Safe for concurrent copies: each has its own buffers and writer task.
 *
 * <p>Buffers are filled completely before they are handed over, so a source that returns a
 * few bytes per read still produces large writes. Data that fits in one buffer is written on
 * the calling thread without a hand-off, so small objects pay nothing for the pipeline. The
 * first buffer grows with the data: {@value #SMALL_READ} bytes, then {@value #FIRST_READ},
 * then a whole buffer, each step taken only when the data filled the one before (allocating
 * and zeroing a megabyte, or even 64 KiB, would cost a small add more than its write). At most
 * {@code bufferCount} buffers of {@code bufferSize} bytes exist per copy.
 *
 * <p>With an {@link EarlyFlush}, a copy that goes through the writer thread also forces the
 * written data to the device every {@code flushInterval} bytes, on a third thread while the
 * writing goes on (one flush at a time). The kernel would otherwise hold all of it in the page
 * cache until the caller's final fsync, which then writes everything while the source and the
 * hashing wait; flushed early, the device works while the source is still being read and
 * hashed, and the final fsync finds little left. (There is no {@code sync_file_range} in Java;
 * {@code fdatasync} on another thread is the portable way to start writeback early.)
 *
 * <p>Failures: whatever the source throws (checked, unchecked or an error) passes through
 * unchanged; a failure of the channel is a {@link ChannelWriteException} holding the
 * channel's exception. In both cases the copy returns only after the writer thread has
 * stopped touching the channel (it finishes at most the one write it is in), so the caller
 * may close and delete the target at once. An interrupt of the calling thread stops the copy
 * the same way and surfaces as {@link OperationInterruptedException} with the interrupt status
 * kept (or, when it hits a write on the calling thread, as the channel's
 * {@link java.nio.channels.ClosedByInterruptException} in a {@link ChannelWriteException}).
 * The writer thread is never interrupted: an interrupt would close a {@link
 * java.nio.channels.FileChannel} under it. An early flush that fails fails the copy like a
 * write; the copy returns only after a flush in progress has ended.
 */
public final class PipelinedCopy {
    /** How much a copy reads first, before its buffer grows. */
    public static final int SMALL_READ = 8 * 1024;
    /** How much a copy reads before it takes a whole buffer. */
    public static final int FIRST_READ = 64 * 1024;
    /** How much is written between two early flushes, by default: small enough to keep the device busy, large enough that each flush is worth its call. */
    public static final long DEFAULT_FLUSH_INTERVAL = 16L * 1024 * 1024;

    /** Forces what was written so far to the device ({@code FileChannel.force(false)}). */
    @FunctionalInterface
    public interface EarlyFlush {
        /** No early flush: the caller's final fsync writes everything. */
        EarlyFlush NONE = () -> { };

        /**
         * Forces what was written so far to the device; runs on a thread of the copy's executor.
         *
         * @throws IOException if forcing failed: the copy fails with it
         */
        void flush() throws IOException;
    }

    private final int bufferSize;
    private final int bufferCount;
    private final long flushInterval;
    private final Executor writerThreads;

    /**
     * A copy without early flushes between them, or with them every {@value #DEFAULT_FLUSH_INTERVAL} bytes.
     *
     * @param bufferSize the size of each buffer, at least 1
     * @param bufferCount at least 2: one being filled while the other is written
     * @param writerThreads runs one writer task per copy of more than one buffer
     */
    public PipelinedCopy(int bufferSize, int bufferCount, Executor writerThreads) {
        this(bufferSize, bufferCount, DEFAULT_FLUSH_INTERVAL, writerThreads);
    }

    /**
     * A copy with early flushes every {@code flushInterval} bytes.
     *
     * @param bufferSize the size of each buffer, at least 1
     * @param bufferCount at least 2: one being filled while the other is written
     * @param flushInterval bytes written between two early flushes of a copy that has an {@link EarlyFlush}
     * @param writerThreads runs one writer task per copy of more than one buffer, and its early flushes
     */
    public PipelinedCopy(int bufferSize, int bufferCount, long flushInterval, Executor writerThreads) {
        if (flushInterval < 1) {
            throw new IllegalArgumentException("flushInterval must be positive: " + flushInterval);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        if (bufferCount < 2) {
            throw new IllegalArgumentException("bufferCount must be at least 2: " + bufferCount);
        }
        this.bufferSize = bufferSize;
        this.bufferCount = bufferCount;
        this.flushInterval = flushInterval;
        this.writerThreads = requireNonNull(writerThreads, "writerThreads is null");
    }

    /**
     * Copies {@code source} to its end into {@code target}, from the target's current position.
     *
     * @param source the data; whatever it throws passes through unchanged
     * @param target the channel to write
     * @return the number of bytes copied
     * @throws ChannelWriteException if writing failed
     * @throws RejectedExecutionException if the writer thread cannot be started (its executor is shut down)
     */
    public long copy(InputStream source, WritableByteChannel target) throws IOException {
        return copy(source, target, EarlyFlush.NONE);
    }

    /**
     * Copies like {@link #copy(InputStream, WritableByteChannel)}, flushing early with {@code flush}
     * (see the class comment) when the data takes the writer thread.
     *
     * @param source the data; whatever it throws passes through unchanged
     * @param target the channel to write
     * @param flush forces what was written to the device
     * @return the number of bytes copied
     * @throws ChannelWriteException if writing or an early flush failed
     * @throws RejectedExecutionException if the writer thread cannot be started (its executor is shut down)
     */
    public long copy(InputStream source, WritableByteChannel target, EarlyFlush flush) throws IOException {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(flush, "flush is null");
        byte[] first = new byte[Math.min(bufferSize, SMALL_READ)];
        int length = fill(source, first, 0);
        while (length == first.length && length < bufferSize) {
            first = Arrays.copyOf(first, length < FIRST_READ ? Math.min(bufferSize, FIRST_READ) : bufferSize);
            length = fill(source, first, length);
        }
        if (length < bufferSize) {
            writeOnCallingThread(target, first, length);
            return length;
        }
        Writer writer = new Writer(target, bufferCount, flush, flushInterval, writerThreads);
        writerThreads.execute(writer);
        try {
            long total = 0;
            byte[] buffer = first;
            int allocated = 1;
            while (true) {
                writer.throwIfFailed();
                writer.hand(buffer, length);
                total += length;
                if (length < bufferSize) {
                    break;
                }
                if (allocated < bufferCount) {
                    buffer = new byte[bufferSize];
                    allocated++;
                } else {
                    buffer = writer.takeFreeBuffer();
                }
                length = fill(source, buffer, 0);
            }
            writer.finish();
            writer.throwIfFailed();
            return total;
        } catch (InterruptedException e) {
            writer.abort(e);
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Copy interrupted", e);
        } catch (IOException | RuntimeException | Error e) {
            writer.abort(e);
            throw e;
        }
    }

    /**
     * Reads from {@code start} until {@code buffer} is full or the source ends; a read of 0 bytes is
     * not the end. Returns the bytes now in the buffer.
     */
    private static int fill(InputStream source, byte[] buffer, int start) throws IOException {
        int length = start;
        while (length < buffer.length) {
            int n = source.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return length;
    }

    private static void writeOnCallingThread(WritableByteChannel target, byte[] buffer, int length)
            throws ChannelWriteException {
        try {
            writeFully(target, buffer, length);
        } catch (IOException | RuntimeException e) {
            throw new ChannelWriteException(e);
        }
    }

    private static void writeFully(WritableByteChannel target, byte[] buffer, int length) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(buffer, 0, length);
        while (data.hasRemaining()) {
            target.write(data);
        }
    }

    /**
     * The writer task. Buffers circulate between two queues: {@code filled} (to write) and
     * {@code free} (written, ready to refill). The writer always drains {@code filled} up to
     * the end marker, returning every buffer, also after a failure or an abort (then without
     * writing), so the reading side can never wait forever for a buffer.
     */
    private static final class Writer implements Runnable {
        private static final Chunk END = new Chunk(new byte[0], 0);

        private final WritableByteChannel target;
        private final BlockingQueue<Chunk> filled;
        private final BlockingQueue<byte[]> free;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final EarlyFlush flush;
        private final long flushInterval;
        private final Executor flushThreads;
        private volatile Throwable failure;
        private volatile boolean aborted;
        /** Written since the last early flush began; only the writer thread touches it. */
        private long unflushed;
        /** Counted down when the early flush in progress ends; null before the first. */
        private CountDownLatch flushing;

        Writer(WritableByteChannel target, int bufferCount, EarlyFlush flush, long flushInterval, Executor flushThreads) {
            this.target = target;
            // Room for every buffer plus the end marker: handing over never blocks.
            this.filled = new ArrayBlockingQueue<>(bufferCount + 1);
            this.free = new ArrayBlockingQueue<>(bufferCount);
            this.flush = flush;
            this.flushInterval = flushInterval;
            this.flushThreads = flushThreads;
        }

        @Override
        public void run() {
            try {
                writeChunks();
            } finally {
                awaitFlush();
                stopped.countDown();
            }
        }

        private void writeChunks() {
            while (true) {
                Chunk chunk;
                try {
                    chunk = filled.take();
                } catch (InterruptedException e) {
                    // Only a forced executor shutdown interrupts us; stop writing but keep draining.
                    fail(e);
                    continue;
                }
                if (chunk == END) {
                    return;
                }
                if (failure == null && !aborted) {
                    try {
                        writeFully(target, chunk.buffer(), chunk.length());
                        unflushed += chunk.length();
                        flushIfDue();
                    } catch (IOException | RuntimeException | Error e) {
                        fail(e);
                    }
                }
                free.add(chunk.buffer());
            }
        }

        /** Starts an early flush when enough was written since the last one and none is running. */
        private void flushIfDue() {
            if (flush == EarlyFlush.NONE || unflushed < flushInterval || (flushing != null && flushing.getCount() > 0)) {
                return;
            }
            CountDownLatch done = new CountDownLatch(1);
            try {
                flushThreads.execute(() -> {
                    try {
                        flush.flush();
                    } catch (IOException | RuntimeException | Error e) {
                        fail(e);
                    } finally {
                        done.countDown();
                    }
                });
            } catch (RejectedExecutionException e) {
                return; // the store is closing: the caller's final fsync still writes everything
            }
            flushing = done;
            unflushed = 0;
        }

        /** Waits for the early flush in progress, so that nothing touches the channel once the copy returned. */
        private void awaitFlush() {
            if (flushing == null) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    flushing.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        void hand(byte[] buffer, int length) {
            if (!filled.offer(new Chunk(buffer, length))) {
                throw new IllegalStateException("more buffers in flight than the pipeline holds");
            }
        }

        byte[] takeFreeBuffer() throws InterruptedException {
            byte[] buffer = free.take();
            // take() returns normally when a buffer came free just as the interrupt did (the
            // condition was signalled first); without this check the copy would go on filling it.
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while a buffer came free");
            }
            return buffer;
        }

        /** Hands over the end marker and waits until everything handed over is written. */
        void finish() throws InterruptedException {
            if (!filled.offer(END)) {
                throw new IllegalStateException("more buffers in flight than the pipeline holds");
            }
            stopped.await();
        }

        /** Tells the writer to write nothing more and waits until it has let go of the channel. */
        void abort(Throwable cause) {
            aborted = true;
            filled.offer(END);
            boolean interrupted = false;
            while (true) {
                try {
                    stopped.await();
                    break;
                } catch (InterruptedException e) {
                    // at most one buffer write is left; finish waiting, then keep the interrupt
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable writeFailure = failure;
            if (writeFailure != null && writeFailure != cause && writeFailure != cause.getCause()) {
                cause.addSuppressed(writeFailure);
            }
        }

        void throwIfFailed() throws ChannelWriteException {
            Throwable writeFailure = failure;
            if (writeFailure instanceof Error error) {
                throw error;
            }
            if (writeFailure instanceof InterruptedException) {
                // the writer's executor was shut down by force; the caller was not interrupted
                throw new ChannelWriteException(new IOException("The writer thread was interrupted", writeFailure));
            }
            if (writeFailure != null) {
                throw new ChannelWriteException(writeFailure);
            }
        }
    }

    private record Chunk(byte[] buffer, int length) {}
}
