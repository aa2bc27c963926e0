package io.stowage.image.service.upload;

import static java.util.Objects.requireNonNull;

import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.registry.UploadRegistry;
import io.stowage.support.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * An upload's body as the store reads it, guarded: it stops (an {@link IOException}) when the
 * upload lost its lease, and, under an owner quota, when the bytes read would pass what the
 * upload reserved and the registry grants no more. It reserves ahead in steps of
 * {@value #STEP} bytes, or just what a read needs when a step does not fit, so that an upload
 * is refused only when its own bytes would pass the quota.
 *
 * <p>Uploads of one owner that stream at once can hold the last bytes of the quota between them,
 * so that none can go on. Then the oldest of the refused ones waits (up to {@value #WAIT_SECONDS}
 * s) for room, asking again, and every other refused one gives up and releases what it held
 * ({@link UploadRegistry#waitsForRoom}): of uploads that each fit, one is kept, rather than none.
 */
public final class GuardedUploadStream extends FilterInputStream {
    static final long STEP = 16L * 1024 * 1024;
    static final int WAIT_SECONDS = 10;
    private static final long RETRY_NANOS = 20_000_000;

    private final UploadLeases.Held hold;
    private final UploadRegistry uploads;
    private final boolean limited;
    private long reserved;
    private long read;
    private boolean overQuota;
    private boolean registryFailed;

    /**
     * @param limited whether an owner quota applies (else nothing is reserved as it streams)
     * @param reserved the bytes reserved when the upload began
     */
    public GuardedUploadStream(InputStream in, UploadLeases.Held hold, UploadRegistry uploads, boolean limited,
            long reserved) {
        super(requireNonNull(in, "in is null"));
        this.hold = requireNonNull(hold, "hold is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.limited = limited;
        this.reserved = reserved;
    }

    /** Whether the stream stopped because the owner quota was reached. */
    public boolean overQuota() {
        return overQuota;
    }

    /** Whether the stream stopped because the registry could not be reached to reserve quota. */
    public boolean registryFailed() {
        return registryFailed;
    }

    /** Whether the stream stopped because the upload lost its lease. */
    public boolean lost() {
        return hold.lost();
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (hold.lost()) {
            throw new IOException("The upload to image " + hold.upload().imageId() + " lost its lease");
        }
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("An upload's body is read, not skipped");
    }

    private void account(int n) throws IOException {
        read += n;
        if (!limited || read <= reserved) {
            return;
        }
        long needed = read - reserved;
        try {
            if (uploads.reserveMore(hold.upload(), Math.max(STEP, needed))) {
                reserved += Math.max(STEP, needed);
                return;
            }
            if (needed < STEP && uploads.reserveMore(hold.upload(), needed)) {
                reserved += needed;
                return;
            }
            if (awaitRoom(needed)) {
                reserved += needed;
                return;
            }
        } catch (RegistryUnavailableException e) {
            registryFailed = true;
            throw new IOException("The registry is unavailable: no quota could be reserved for image "
                    + hold.upload().imageId(), e);
        }
        overQuota = true;
        throw new IOException("The upload to image " + hold.upload().imageId() + " passes the owner quota");
    }

    /**
     * Waits for room while this is the oldest refused upload of its owner, retrying its
     * reservation; false as soon as an older one waits too, or once the wait is over.
     */
    private boolean awaitRoom(long needed) throws IOException {
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline && !hold.lost()) {
            if (!uploads.waitsForRoom(hold.upload())) {
                return false;
            }
            LockSupport.parkNanos(RETRY_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Interrupted while the upload to image "
                        + hold.upload().imageId() + " waited for room in the owner quota");
            }
            if (uploads.reserveMore(hold.upload(), needed)) {
                uploads.stopsWaiting(hold.upload());
                return true;
            }
        }
        return false;
    }
}
