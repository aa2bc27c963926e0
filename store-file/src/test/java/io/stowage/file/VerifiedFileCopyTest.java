package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.ProgressListener;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import io.stowage.tck.source.Payload;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VerifiedFileCopy}: the copier moves the file in steps while the calling thread verifies
 * what the copy holds; every way it ends leaves no copier thread behind, and an interrupt of the
 * verifying thread does not close the copier's channel.
 */
class VerifiedFileCopyTest {
    private static final long STEP = 1024 * 1024;
    private static final int SIZE = (int) (3 * STEP + STEP / 2 + 7);

    @TempDir
    Path root;

    /** Runs each copier on a thread of its own and counts the copiers that ended. */
    private final CountingThreads threads = new CountingThreads();

    @Test
    void copiesInStepsAndReturnsWhatTheCopyHolds() throws Exception {
        byte[] data = Payload.of(SIZE, 1).bytes();
        Path source = Files.write(root.resolve("source"), data);
        Path target = Files.createFile(root.resolve("target"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        VerifiedContent content;
        try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            content = new VerifiedFileCopy(threads, STEP).copy(in, SIZE, out, target,
                    verifier(OptionalLong.of(SIZE), Optional.of(new Checksum(ChecksumAlgorithm.SHA256, sha256))), "source");
        }

        assertThat(content.size()).isEqualTo(SIZE);
        assertThat(content.checksums().values()).containsEntry(ChecksumAlgorithm.SHA256, sha256);
        assertThat(target).hasBinaryContent(data);
        assertThat(threads.ended.await(10, TimeUnit.SECONDS)).as("the copier thread ended").isTrue();
    }

    @Test
    void aSourceShorterThanItsSizeIsAnIntegrityError() throws Exception {
        Path source = Files.write(root.resolve("source"), Payload.of(SIZE, 2).bytes());
        Path target = Files.createFile(root.resolve("target"));

        try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> new VerifiedFileCopy(threads, STEP).copy(in, SIZE + 10, out, target,
                    verifier(OptionalLong.empty(), Optional.empty()), "source"))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessage("Copying source ended after " + SIZE + " of " + (SIZE + 10)
                            + " bytes: the source is shorter than when it was opened");
        }
        assertThat(threads.ended.await(10, TimeUnit.SECONDS)).as("the copier thread ended").isTrue();
    }

    @Test
    void aCopyThatFailsItsChecksumIsAnIntegrityError() throws Exception {
        byte[] data = Payload.of(SIZE, 3).bytes();
        Path source = Files.write(root.resolve("source"), data);
        Path target = Files.createFile(root.resolve("target"));
        Checksum other = new Checksum(ChecksumAlgorithm.SHA256, "0".repeat(64));

        try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> new VerifiedFileCopy(threads, STEP).copy(in, SIZE, out, target,
                    verifier(OptionalLong.of(SIZE), Optional.of(other)), "source"))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageStartingWith("Checksum mismatch for source: expected " + other);
        }
        assertThat(threads.ended.await(10, TimeUnit.SECONDS)).as("the copier thread ended").isTrue();
    }

    @Test
    void anInterruptEndsTheVerificationKeepsTheStatusAndLeavesTheCopiersChannelOpen() throws Exception {
        Path source = Files.write(root.resolve("source"), Payload.of(SIZE, 4).bytes());
        Path target = Files.createFile(root.resolve("target"));

        try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> new VerifiedFileCopy(threads, STEP).copy(in, SIZE, out, target,
                        verifier(OptionalLong.empty(), Optional.empty()), "source"))
                        .isInstanceOfAny(ClosedByInterruptException.class, io.stowage.OperationInterruptedException.class);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(threads.ended.await(10, TimeUnit.SECONDS)).as("the copier thread ended").isTrue();
            assertThat(out.isOpen()).as("the copier's target channel").isTrue();
        }
    }

    private static ContentVerifier verifier(OptionalLong size, Optional<Checksum> checksum) throws Exception {
        return ContentVerifier.of("source", size, checksum, OptionalLong.empty(), Set.of(ChecksumAlgorithm.SHA256),
                ProgressListener.NONE);
    }

    /** One thread per task; {@link #ended} counts down as each copier ends (one copy per test). */
    private static final class CountingThreads implements Executor {
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void execute(Runnable task) {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    ended.countDown();
                }
            }, "test-copier");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
