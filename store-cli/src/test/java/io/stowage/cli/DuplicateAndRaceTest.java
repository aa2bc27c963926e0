package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.support.SingleByteRead;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An id is added once: a second add exits 4 and the first object stays; of two racing adds exactly one wins. */
class DuplicateAndRaceTest {
    @TempDir
    Path temp;

    private Path data;
    private Cli cli;
    private ExecutorService executor;

    @BeforeEach
    void setUp() throws IOException {
        data = temp.toRealPath().resolve("data");
        cli = new Cli(TestConfigs.fileStore(temp, data));
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void aSecondAddOfAnIdExitsFourAndKeepsTheOriginal() throws Exception {
        byte[] original = Payload.of(10_000, 1).bytes();
        byte[] other = Payload.of(20_000, 2).bytes();
        CliResult first = cli.run(original, "add", "--id", "taken", "-");
        assertThat(first.exitCode()).as(first.toString()).isZero();

        CliResult second = cli.run(other, "add", "--id", "taken", "-");

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
        assertThat(second.stdout()).isEmpty();
        assertThat(second.stderr()).startsWith("stowage: ").contains("taken");
        assertThat(second.stderr().lines()).hasSize(1);
        CliResult read = cli.run("get", first.json().get("location").asText());
        assertThat(read.stdout()).isEqualTo(original);
        assertThat(AddGetStatDeleteTest.listing(data)).containsExactly(data.resolve("taken"));
    }

    @RepeatedTest(5)
    void ofTwoConcurrentAddsOfOneIdExactlyOneSucceeds() throws Exception {
        byte[] one = Payload.of(1024 * 1024, 3).bytes();
        byte[] two = Payload.of(1024 * 1024, 4).bytes();
        Rendezvous rendezvous = new Rendezvous();

        Future<CliResult> first = executor.submit(() -> run(rendezvous, one));
        Future<CliResult> second = executor.submit(() -> run(rendezvous, two));
        List<CliResult> results = List.of(first.get(), second.get());

        List<Integer> codes = new ArrayList<>(results.stream().map(CliResult::exitCode).toList());
        codes.sort(null);
        assertThat(codes).as(results.toString()).containsExactly(0, 4);
        CliResult winner = results.stream().filter(result -> result.exitCode() == 0).findFirst().orElseThrow();
        byte[] winning = winner == results.get(0) ? one : two;
        assertThat(data.resolve("raced")).hasBinaryContent(winning);
        assertThat(AddGetStatDeleteTest.listing(data)).containsExactly(data.resolve("raced"));
        assertThat(Files.readAllBytes(data.resolve("raced"))).isEqualTo(winning);
    }

    private CliResult run(Rendezvous rendezvous, byte[] content) {
        try {
            return cli.run(new GatedInputStream(content, rendezvous), "add", "--id", "raced", "-");
        } finally {
            rendezvous.finished();
        }
    }

    /**
     * Holds both adds mid-stream until both are reading, so their writes overlap. If one add
     * fails before it reads at all, the other is let go when that add returns.
     */
    static final class Rendezvous {
        private int reading;
        private int finished;

        synchronized void awaitPartner() throws IOException {
            reading++;
            notifyAll();
            while (reading < 2 && finished == 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted at the rendezvous");
                }
            }
        }

        synchronized void finished() {
            finished++;
            notifyAll();
        }
    }

    /** Returns the first half, meets the other add, then returns the rest. */
    static final class GatedInputStream extends InputStream {
        private final byte[] content;
        private final Rendezvous rendezvous;
        private int position;
        private boolean met;

        GatedInputStream(byte[] content, Rendezvous rendezvous) {
            this.content = content;
            this.rendezvous = rendezvous;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == content.length) {
                return -1;
            }
            int half = content.length / 2;
            if (position >= half && !met) {
                met = true;
                rendezvous.awaitPartner();
            }
            int limit = position < half ? half : content.length;
            int n = Math.min(length, limit - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
