package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.OperationInterruptedException;
import io.stowage.support.ChannelWriteException;
import io.stowage.support.PipelinedCopy;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelinedCopyTest {
    private static final int BUFFER = 1000;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("writer threads finished").isTrue();
    }

    /** A channel into memory that takes at most {@code maxPerWrite} bytes per call and notes every call. */
    private static final class MemoryChannel implements WritableByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean writtenAfterClose = new AtomicBoolean();
        private final int maxPerWrite;
        private final long failAfter;
        private volatile boolean open = true;

        MemoryChannel(int maxPerWrite, long failAfter) {
            this.maxPerWrite = maxPerWrite;
            this.failAfter = failAfter;
        }

        @Override
        public synchronized int write(ByteBuffer source) throws IOException {
            if (!open) {
                writtenAfterClose.set(true);
                throw new IOException("closed");
            }
            writes.incrementAndGet();
            if (bytes.size() >= failAfter) {
                throw new IOException("No space left on device (injected)");
            }
            int n = Math.min(source.remaining(), maxPerWrite);
            byte[] chunk = new byte[n];
            source.get(chunk);
            bytes.write(chunk, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    @Test
    void copiesEverySizeAroundTheBufferEdgesInAnyChunking() throws Exception {
        PipelinedCopy copy = new PipelinedCopy(BUFFER, 3, threads);
        Random random = new Random(42);
        for (long size : List.of(0L, 1L, 999L, 1000L, 1001L, 1999L, 2000L, 2001L, 2999L, 3000L, 3001L, 4001L, 100_003L)) {
            for (int chunking = 0; chunking < 3; chunking++) {
                Payload payload = Payload.of(size, size * 7 + chunking);
                MemoryChannel channel = new MemoryChannel(chunking == 0 ? Integer.MAX_VALUE : 333, Long.MAX_VALUE);
                var source = switch (chunking) {
                    case 0 -> payload.open();
                    case 1 -> Sources.shortReads(payload.open(), random, 700);
                    default -> Sources.zeroLengthReads(payload.open(), random, 2500);
                };

                long copied = copy.copy(source, channel);

                assertThat(copied).as("bytes copied of %d, chunking %d", size, chunking).isEqualTo(size);
                assertThat(payload.mismatch(new ByteArrayInputStream(channel.bytes.toByteArray())))
                        .as("data of %d, chunking %d", size, chunking).isEmpty();
            }
        }
    }

    @Test
    void fillsWholeBuffersBeforeWriting() throws Exception {
        MemoryChannel channel = new MemoryChannel(Integer.MAX_VALUE, Long.MAX_VALUE);

        new PipelinedCopy(BUFFER, 2, threads).copy(Sources.chunked(Payload.of(10_500, 1).open(), 7), channel);

        assertThat(channel.writes.get()).as("writes for 10.5 buffers read 7 bytes at a time").isEqualTo(11);
    }

    @Test
    void smallDataIsWrittenWithoutAWriterThread() throws Exception {
        Executor refusing = task -> {
            throw new AssertionError("no writer thread expected");
        };
        MemoryChannel channel = new MemoryChannel(Integer.MAX_VALUE, Long.MAX_VALUE);

        long copied = new PipelinedCopy(BUFFER, 2, refusing).copy(Payload.of(BUFFER - 1, 2).open(), channel);

        assertThat(copied).isEqualTo(BUFFER - 1);
        assertThat(channel.bytes.size()).isEqualTo(BUFFER - 1);
    }

    @Test
    void sourceFailuresPassThroughAndTheWriterLetsGoFirst() throws Exception {
        List<Exception> failures = List.of(new IOException("source broke"), new IllegalStateException("source bug"));
        for (Exception failure : failures) {
            for (long failAfter : List.of(0L, 500L, 1000L, 2500L, 50_000L)) {
                CountDownLatch writerDone = new CountDownLatch(1);
                Executor tracked = task -> threads.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        writerDone.countDown();
                    }
                });
                MemoryChannel channel = new MemoryChannel(Integer.MAX_VALUE, Long.MAX_VALUE);

                Throwable thrown = catchThrowable(() -> new PipelinedCopy(BUFFER, 3, tracked)
                        .copy(Sources.failingAfter(Payload.of(100_000, 3).open(), failAfter, () -> failure), channel));
                channel.close();

                assertThat(thrown).as("after %d bytes", failAfter).isSameAs(failure);
                if (failAfter >= BUFFER) {
                    assertThat(writerDone.await(30, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(channel.writtenAfterClose).as("written after the copy returned").isFalse();
                assertThat(channel.bytes.size()).isLessThanOrEqualTo((int) failAfter);
            }
        }
    }

    @Test
    void anErrorOfTheSourcePassesThroughToo() {
        AssertionError error = new AssertionError("source error");
        MemoryChannel channel = new MemoryChannel(Integer.MAX_VALUE, Long.MAX_VALUE);

        Throwable thrown = catchThrowable(() -> new PipelinedCopy(BUFFER, 2, threads)
                .copy(Sources.failingAfter(Payload.of(10_000, 3).open(), 4_500, () -> {
                    throw error;
                }), channel));

        assertThat(thrown).isSameAs(error);
    }

    @Test
    void writeFailuresStopTheCopyWithoutHanging() throws Exception {
        for (long failAfter : List.of(0L, 999L, 1000L, 5000L)) {
            MemoryChannel channel = new MemoryChannel(Integer.MAX_VALUE, failAfter);
            var source = Sources.tracked(Payload.of(1_000_000, 4).open());

            Throwable thrown = catchThrowable(() -> new PipelinedCopy(BUFFER, 3, threads).copy(source, channel));

            assertThat(thrown).as("after %d bytes", failAfter).isInstanceOf(ChannelWriteException.class)
                    .hasRootCauseMessage("No space left on device (injected)");
            assertThat(source.bytesRead()).as("bytes read once the writer failed").isLessThan(1_000_000);
        }
    }

    @Test
    void anInterruptStopsTheCopyAndIsKept() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MemoryChannel memory = new MemoryChannel(Integer.MAX_VALUE, Long.MAX_VALUE);
        WritableByteChannel blocking = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer source) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError("the writer thread must never be interrupted", e);
                }
                return memory.write(source);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        AtomicBoolean interruptKept = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread copier = new Thread(() -> {
            thrown.set(catchThrowable(() -> new PipelinedCopy(BUFFER, 2, threads)
                    .copy(Payload.of(1_000_000, 5).open(), blocking)));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        copier.start();
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

        copier.interrupt();
        release.countDown();
        copier.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(copier.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(OperationInterruptedException.class).hasMessage("Copy interrupted");
        assertThat(interruptKept).isTrue();
        assertThat(memory.bytes.size()).as("bytes written after the interrupt").isLessThanOrEqualTo(2 * BUFFER);
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new PipelinedCopy(0, 2, Runnable::run)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelinedCopy(10, 1, Runnable::run)).isInstanceOf(IllegalArgumentException.class);
    }
}
