package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.support.ChannelWriteException;
import io.stowage.support.PipelinedCopy;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The early flush of a pipelined copy (data forced to the device while the copy goes on) and
 * the first reads of a copy whose buffers are larger than {@link PipelinedCopy#FIRST_READ} (into
 * a buffer that grows from {@link PipelinedCopy#SMALL_READ} as the data fills it).
 */
class PipelinedCopyEarlyFlushTest {
    private static final int BUFFER = 1000;
    private static final long INTERVAL = 10 * BUFFER;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("writer and flush threads finished").isTrue();
    }

    /** A channel into memory; {@link #size()} is what was written so far. */
    private static final class MemoryChannel implements WritableByteChannel {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized int write(ByteBuffer source) {
            int n = source.remaining();
            byte[] chunk = new byte[n];
            source.get(chunk);
            bytes.write(chunk, 0, n);
            return n;
        }

        synchronized int size() {
            return bytes.size();
        }

        synchronized byte[] toByteArray() {
            return bytes.toByteArray();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Test
    void flushesEachTimeAnIntervalMoreWasWritten() throws Exception {
        MemoryChannel channel = new MemoryChannel();
        List<Integer> writtenAtFlush = new CopyOnWriteArrayList<>();
        Payload payload = Payload.of(100 * BUFFER + 17, 1);

        long copied = new PipelinedCopy(BUFFER, 3, INTERVAL, threads)
                .copy(payload.open(), channel, () -> writtenAtFlush.add(channel.size()));

        assertThat(copied).isEqualTo(100 * BUFFER + 17);
        assertThat(payload.mismatch(new ByteArrayInputStream(channel.toByteArray()))).isEmpty();
        assertThat(writtenAtFlush).as("flushes (one at a time, so some intervals may share one)").isNotEmpty()
                .hasSizeLessThanOrEqualTo(10);
        for (int i = 0; i < writtenAtFlush.size(); i++) {
            assertThat(writtenAtFlush.get(i)).as("bytes written when flush %d began", i + 1)
                    .isGreaterThanOrEqualTo((int) ((i + 1) * INTERVAL));
        }
    }

    @Test
    void dataWrittenOnTheCallingThreadIsNeverFlushedEarly() throws Exception {
        MemoryChannel channel = new MemoryChannel();

        long copied = new PipelinedCopy(BUFFER, 2, 1, threads).copy(Payload.of(BUFFER - 1, 2).open(), channel, () -> {
            throw new AssertionError("no early flush expected: the caller's fsync covers one buffer");
        });

        assertThat(copied).isEqualTo(BUFFER - 1);
    }

    @Test
    void aFailingFlushFailsTheCopyAsAWriteFailure() {
        IOException injected = new IOException("Input/output error (injected fdatasync failure)");
        var source = Sources.tracked(Payload.of(1_000_000, 3).open());

        Throwable thrown = catchThrowable(() -> new PipelinedCopy(BUFFER, 3, INTERVAL, threads)
                .copy(source, new MemoryChannel(), () -> {
                    throw injected;
                }));

        assertThat(thrown).isInstanceOf(ChannelWriteException.class).hasCause(injected);
        assertThat(source.bytesRead()).as("bytes read once the flush failed").isLessThan(1_000_000);
    }

    @Test
    void theCopyReturnsOnlyAfterTheFlushInProgressEnded() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean copyReturned = new AtomicBoolean();
        AtomicBoolean flushEndedAfterReturn = new AtomicBoolean();
        PipelinedCopy copy = new PipelinedCopy(BUFFER, 2, INTERVAL, threads);

        Future<Long> copied = threads.submit(() -> {
            try {
                return copy.copy(Payload.of(20 * BUFFER, 4).open(), new MemoryChannel(), () -> {
                    flushing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError("the flush thread must never be interrupted", e);
                    }
                    flushEndedAfterReturn.set(copyReturned.get());
                });
            } finally {
                copyReturned.set(true);
            }
        });
        assertThat(flushing.await(30, TimeUnit.SECONDS)).as("a flush began").isTrue();
        assertThatThrownBy(() -> copied.get(200, TimeUnit.MILLISECONDS))
                .as("the copy waits for the flush in progress").isInstanceOf(TimeoutException.class);

        release.countDown();

        assertThat(copied.get(30, TimeUnit.SECONDS)).isEqualTo(20 * BUFFER);
        assertThat(flushEndedAfterReturn).as("the flush was still running when the copy returned").isFalse();
    }

    @Test
    void largeBuffersAreTakenOnlyOnceTheFirstReadFillsUp() throws Exception {
        int buffer = 3 * PipelinedCopy.FIRST_READ;
        PipelinedCopy copy = new PipelinedCopy(buffer, 3, threads);
        Random random = new Random(5);
        int small = PipelinedCopy.SMALL_READ;
        int first = PipelinedCopy.FIRST_READ;
        for (long size : List.of(0L, 1L, small - 1L, (long) small, small + 1L, first - 1L, (long) first, first + 1L,
                buffer - 1L, (long) buffer, buffer + 1L, 3L * buffer + 7)) {
            for (boolean shortReads : List.of(false, true)) {
                Payload payload = Payload.of(size, size + (shortReads ? 1 : 0));
                MemoryChannel channel = new MemoryChannel();
                var source = shortReads ? Sources.shortReads(payload.open(), random, 5000) : payload.open();

                assertThat(copy.copy(source, channel)).as("bytes copied of %d", size).isEqualTo(size);
                assertThat(payload.mismatch(new ByteArrayInputStream(channel.toByteArray())))
                        .as("data of %d, short reads %s", size, shortReads).isEmpty();
            }
        }
    }

    /** A 4 KiB object (the small-object benchmark's) is read into an 8 KiB buffer, not a 64 KiB one zeroed for it. */
    @Test
    void aSmallObjectIsReadIntoASmallBuffer() throws Exception {
        int buffer = 3 * PipelinedCopy.FIRST_READ;
        AtomicInteger largestAsk = new AtomicInteger();
        InputStream source = new FilterInputStream(Payload.of(4096, 8).open()) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                largestAsk.accumulateAndGet(bytes.length, Math::max);
                return super.read(bytes, offset, length);
            }
        };
        MemoryChannel channel = new MemoryChannel();

        long copied = new PipelinedCopy(buffer, 2, threads).copy(source, channel);

        assertThat(copied).isEqualTo(4096);
        assertThat(channel.size()).isEqualTo(4096);
        assertThat(largestAsk.get()).as("the largest buffer the source was asked to fill").isEqualTo(PipelinedCopy.SMALL_READ);
    }

    @Test
    void dataWithinOneLargeBufferStaysOnTheCallingThread() throws Exception {
        int buffer = 3 * PipelinedCopy.FIRST_READ;
        MemoryChannel channel = new MemoryChannel();

        long copied = new PipelinedCopy(buffer, 2, task -> {
            throw new AssertionError("no writer thread expected");
        }).copy(Payload.of(buffer - 1, 6).open(), channel);

        assertThat(copied).isEqualTo(buffer - 1);
        assertThat(channel.size()).isEqualTo(buffer - 1);
    }

    @Test
    void refusesANonPositiveFlushInterval() {
        assertThatThrownBy(() -> new PipelinedCopy(BUFFER, 2, 0, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flushInterval");
    }
}
