package io.stowage.image.service.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/** The digests computed on their own threads equal the JDK's over the same bytes, whatever the read sizes. */
class ParallelDigestsPropertiesTest {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @AfterContainer
    static void stop() {
        THREADS.shutdownNow();
    }

    @Property(tries = 200)
    void equalTheJdkDigests(@ForAll @IntRange(max = 300_000) int size, @ForAll @IntRange(min = 1, max = 70_000) int readSize,
            @ForAll @IntRange(min = 1, max = 40_000) int chunkSize, @ForAll @IntRange(min = 1, max = 4) int chunks)
            throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        ParallelDigests digests = new ParallelDigests(EnumSet.allOf(ChecksumAlgorithm.class), chunkSize, chunks, THREADS);

        InputStream in = digests.wrap(new ByteArrayInputStream(data));
        byte[] buffer = new byte[readSize];
        int total = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            assertThat(buffer).startsWith(java.util.Arrays.copyOfRange(data, total, total + n));
            total += n;
        }
        Map<ChecksumAlgorithm, String> values = digests.finish();

        assertThat(total).isEqualTo(size);
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertThat(values.get(algorithm)).isEqualTo(HexFormat.of().formatHex(algorithm.newDigest().digest(data)));
        }
    }

    @Test
    void anAbortedDigestLetsGoOfItsThreads() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            ParallelDigests digests = new ParallelDigests(EnumSet.of(ChecksumAlgorithm.MD5), 1024, 2, threads);
            InputStream in = digests.wrap(new ByteArrayInputStream(new byte[100_000]));
            assertThat(in.read(new byte[5000])).isEqualTo(5000);

            digests.abort();

            org.assertj.core.api.Assertions.assertThatThrownBy(digests::finish).isInstanceOf(IOException.class)
                    .hasMessageContaining("md5 digest was stopped");
        } finally {
            threads.shutdown();
        }
        assertThat(threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).as("digest threads ended").isTrue();
    }

    @Test
    void aRefusingExecutorIsReportedAndLeavesNoThreadWaiting() throws Exception {
        java.util.concurrent.ThreadPoolExecutor one = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParallelDigests(EnumSet.of(ChecksumAlgorithm.MD5,
                ChecksumAlgorithm.SHA512), 1024, 2, one)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        one.shutdown();
        assertThat(one.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).as("the started digest ended").isTrue();
    }
}
