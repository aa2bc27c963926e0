package io.stowage.file;

import static java.util.Objects.requireNonNull;

import io.stowage.IntegrityException;
import io.stowage.OperationInterruptedException;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Copies a file into another and verifies what the copy holds, the two overlapping: a copier
 * thread moves the bytes in steps with {@link FileChannel#transferTo} (in the kernel on Linux:
 * {@code copy_file_range} or {@code sendfile}, no pass through the Java heap) and forces the copy
 * to the device once it is complete, while the calling thread reads each step back from the copy
 * (from the page cache, just written) as soon as it is there and verifies it. So the hashing,
 * which is slower than the copy, overlaps the copy and the device's write-back, and what is
 * verified is what the copy holds, not what a source changing under it held a moment earlier.
 *
 * <p>The copy takes the size the source had when it was opened; a source that ends earlier fails
 * with {@link IntegrityException}. Every failure (the copier's, the verification's, an
 * interrupt, which surfaces as {@link OperationInterruptedException} with the interrupt status
 * kept) returns only after the copier thread stopped touching the channels, so the caller may
 * close and delete the copy at once. The copier thread is never interrupted: an interrupt would
 * close a channel under it.
 */
final class VerifiedFileCopy {
    /** How much the copier moves before the verification may read it, by default. */
    static final long DEFAULT_STEP = 16L * 1024 * 1024;
    /** The verification's reads: the store's copy buffer size. */
    private static final int READ_SIZE = FileStoreConfig.DEFAULT_BUFFER_SIZE;

    private final Executor copierThreads;
    private final long step;

    /** @param copierThreads runs one copier per copy */
    VerifiedFileCopy(Executor copierThreads) {
        this(copierThreads, DEFAULT_STEP);
    }

    /** @param step how much the copier moves before the verification may read it */
    VerifiedFileCopy(Executor copierThreads, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        this.copierThreads = requireNonNull(copierThreads, "copierThreads is null");
        this.step = step;
    }

    /**
     * Copies {@code size} bytes of {@code source} from its start into {@code target} (an open,
     * empty file at {@code targetPath}) and verifies them with {@code verifier}.
     *
     * @param subject names the copy in error messages
     * @return what the verifier found
     * @throws IntegrityException if the source ended early or the copy fails the verification
     * @throws RejectedExecutionException if the copier thread cannot be started (its executor is shut down)
     * @throws IOException a failure of the copy, the force or the verification's reads, as the channels threw it
     */
    VerifiedContent copy(FileChannel source, long size, FileChannel target, Path targetPath, ContentVerifier verifier,
            String subject) throws IOException {
        Copier copier = new Copier(source, size, target, step, subject);
        copierThreads.execute(copier);
        // A channel of its own: an interrupt of this thread closes it, never the copier's.
        try (FileChannel copy = FileChannel.open(targetPath, StandardOpenOption.READ)) {
            byte[] buffer = new byte[(int) Math.min(READ_SIZE, Math.max(size, 1))];
            long verified = 0;
            while (verified < size) {
                long copied = copier.awaitCopiedBeyond(verified);
                while (verified < copied) {
                    int n = copy.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, copied - verified)), verified);
                    if (n < 0) {
                        throw new IntegrityException("The copy of " + subject + " ended after " + verified + " of " + copied
                                + " bytes copied");
                    }
                    verifier.update(buffer, 0, n);
                    verified += n;
                }
            }
            copier.awaitEnd();
            return verifier.finish();
        } catch (InterruptedException e) {
            copier.stop();
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Verifying the copy of " + subject + " was interrupted", e);
        } catch (IOException | RuntimeException | Error e) {
            copier.stop();
            throw e;
        }
    }

    /** Moves the bytes in steps, tells how far it got, forces the copy at the end. */
    private static final class Copier implements Runnable {
        private final FileChannel source;
        private final long size;
        private final FileChannel target;
        private final long step;
        private final String subject;
        private final Object lock = new Object();
        /** Guarded by {@link #lock}. */
        private long copied;
        /** Guarded by {@link #lock}. */
        private boolean ended;
        /** Guarded by {@link #lock}. */
        private Throwable failure;
        private volatile boolean stopped;

        Copier(FileChannel source, long size, FileChannel target, long step, String subject) {
            this.source = source;
            this.size = size;
            this.target = target;
            this.step = step;
            this.subject = subject;
        }

        @Override
        public void run() {
            Throwable failed = null;
            try {
                long position = 0;
                while (position < size && !stopped) {
                    long end = Math.min(size, position + step);
                    while (position < end) {
                        long n = source.transferTo(position, end - position, target);
                        if (n <= 0) {
                            throw new IntegrityException("Copying " + subject + " ended after " + position + " of "
                                    + size + " bytes: the source is shorter than when it was opened");
                        }
                        position += n;
                    }
                    synchronized (lock) {
                        copied = position;
                        lock.notifyAll();
                    }
                }
                if (!stopped) {
                    target.force(false);
                }
            } catch (IOException | RuntimeException | Error e) {
                failed = e;
            } finally {
                synchronized (lock) {
                    failure = failed;
                    ended = true;
                    lock.notifyAll();
                }
            }
        }

        /** Waits until more than {@code verified} bytes are copied and returns how many are; throws the copier's failure. */
        long awaitCopiedBeyond(long verified) throws IOException, InterruptedException {
            synchronized (lock) {
                while (copied <= verified && failure == null && !ended) {
                    lock.wait();
                }
                throwFailure();
                if (copied <= verified) {
                    throw new IllegalStateException("the copier ended after " + copied + " bytes without a failure");
                }
                return copied;
            }
        }

        /** Waits until the copier ended (the force included); throws its failure. */
        void awaitEnd() throws IOException, InterruptedException {
            synchronized (lock) {
                while (!ended) {
                    lock.wait();
                }
                throwFailure();
            }
        }

        /** Tells the copier to stop after the step it is in and waits until it has let go of the channels. */
        void stop() {
            stopped = true;
            boolean interrupted = false;
            synchronized (lock) {
                while (!ended) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // at most one step is left: finish waiting, then keep the interrupt
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void throwFailure() throws IOException {
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }
}
