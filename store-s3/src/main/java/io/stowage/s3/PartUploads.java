package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The part uploads of one multipart upload, run on the store's executor. {@link #stop()} is what
 * an abort waits for: parts not begun never begin, and it returns only once no part request of
 * this upload is running any more, whatever the interrupts meanwhile. Running parts are left to
 * end with their answer: a request the client drops may still be running on the server, where an
 * abort could overtake it. A cancelled {@link Future} says nothing of that (it is done at once
 * while its thread may still be sending), so each part counts its own end.
 *
 * <p>The add submits; {@link #stop()} may also come from the closing store.
 */
final class PartUploads {
    private final ExecutorService executor;
    private final List<Part> parts = new CopyOnWriteArrayList<>();

    PartUploads(ExecutorService executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * Runs {@code upload} on the executor.
     *
     * @throws RejectedExecutionException when the executor takes no more work (the store is closing)
     */
    Future<CompletedPart> submit(Callable<CompletedPart> upload) {
        Part part = new Part(upload, new End());
        parts.add(part);
        try {
            executor.execute(part);
        } catch (RejectedExecutionException e) {
            part.cancel(false);
            throw e;
        }
        return part;
    }

    /** The parts submitted so far, in part-number order. */
    List<Future<CompletedPart>> all() {
        return List.copyOf(parts);
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /**
     * Cancels the parts not begun and waits until none is running. An interrupt meanwhile does not
     * cut the wait short; it is kept for the caller. The wait is bounded by each part request's
     * own attempt timeout.
     */
    void stop() {
        stop(false);
    }

    /**
     * Like {@link #stop()}, but interrupts the running parts too, which the SDK then drops: for a
     * closing store whose time is up. The server may still finish a dropped part after an abort,
     * which is why aborts are repeated while parts show.
     */
    void stopNow() {
        stop(true);
    }

    private void stop(boolean interruptRunning) {
        for (Part part : parts) {
            part.cancel(interruptRunning);
        }
        boolean interrupted = false;
        for (Part part : parts) {
            interrupted |= part.end.awaitUninterruptibly();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A part's upload, which counts down {@code end} when it finished or will never start. */
    private static final class Part extends FutureTask<CompletedPart> {
        private final End end;

        Part(Callable<CompletedPart> upload, End end) {
            super(() -> end.run(upload));
            this.end = end;
        }

        @Override
        protected void done() {
            end.skip();
        }
    }

    /** Whether a part's upload ran (it ends when its call returns) or was skipped before it began. */
    private static final class End {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch ended = new CountDownLatch(1);

        CompletedPart run(Callable<CompletedPart> upload) throws Exception {
            if (!claimed.compareAndSet(false, true)) {
                throw new CancellationException("the part was cancelled before it began");
            }
            try {
                return upload.call();
            } finally {
                ended.countDown();
            }
        }

        /** Called once the future is done: if the upload never began, it never will. */
        void skip() {
            if (claimed.compareAndSet(false, true)) {
                ended.countDown();
            }
        }

        /** @return whether the thread was interrupted while waiting */
        boolean awaitUninterruptibly() {
            boolean interrupted = Thread.interrupted();
            while (true) {
                try {
                    ended.await();
                    return interrupted;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
    }
}
