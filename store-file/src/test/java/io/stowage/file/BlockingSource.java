package io.stowage.file;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * A source that delivers a payload and, after {@code pauseAfter} bytes, tells the test so and
 * waits until the test lets it go on: the test can then look at an add in the middle of
 * its stream.
 */
final class BlockingSource extends InputStream {
    private final InputStream data;
    private final long pauseAfter;
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private long position;

    BlockingSource(InputStream data, long pauseAfter) {
        this.data = data;
        this.pauseAfter = pauseAfter;
    }

    /** Waits until the source has delivered {@code pauseAfter} bytes and is waiting. */
    void awaitPaused() throws InterruptedException {
        if (!paused.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the add never read " + pauseAfter + " bytes");
        }
    }

    void resume() {
        resume.countDown();
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position == pauseAfter && resume.getCount() > 0) {
            paused.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while paused");
            }
        }
        int allowed = position < pauseAfter ? (int) Math.min(length, pauseAfter - position) : length;
        int n = data.read(buffer, offset, allowed);
        if (n > 0) {
            position += n;
        }
        return n;
    }
}
