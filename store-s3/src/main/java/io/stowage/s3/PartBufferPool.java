package io.stowage.s3;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The part buffers of one multipart upload: at most {@code limit} arrays of {@code partSize}
 * bytes ever exist, so the reader blocks in {@link #take()} while every buffer is being filled
 * or uploaded. This is what bounds the memory of an upload and the number of parts in flight.
 */
final class PartBufferPool {
    private final int partSize;
    private final int limit;
    private final Deque<byte[]> free = new ArrayDeque<>();
    private int created;

    PartBufferPool(int partSize, int limit) {
        if (partSize <= 0 || limit <= 0) {
            throw new IllegalArgumentException("partSize and limit must be positive");
        }
        this.partSize = partSize;
        this.limit = limit;
    }

    /** A free buffer, waiting for one to be given back when all {@code limit} are in use. */
    synchronized byte[] take() throws InterruptedException {
        while (free.isEmpty() && created == limit) {
            wait();
        }
        if (!free.isEmpty()) {
            return free.pop();
        }
        created++;
        return new byte[partSize];
    }

    synchronized void give(byte[] buffer) {
        free.push(buffer);
        notifyAll();
    }
}
