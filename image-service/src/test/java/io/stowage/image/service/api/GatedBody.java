package io.stowage.image.service.api;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * An upload body that gives its first {@code before} bytes, then waits until {@link #open()} before
 * giving the rest: it holds an upload in the middle for as long as a test needs.
 */
public final class GatedBody extends InputStream {
    private final byte[] data;
    private final int before;
    private final CountDownLatch gate = new CountDownLatch(1);
    private int position;

    public GatedBody(byte[] data, int before) {
        this.data = data;
        this.before = before;
    }

    public void open() {
        gate.countDown();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position == before) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        if (position == data.length) {
            return -1;
        }
        int limit = position < before ? before : data.length;
        int n = Math.min(length, limit - position);
        System.arraycopy(data, position, buffer, offset, n);
        position += n;
        return n;
    }
}
