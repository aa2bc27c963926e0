package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The adds running in one store, for {@link S3Store#close()}: how many there are (so that
 * closing can wait for them) and the multipart uploads they have open (so that closing can stop
 * and abort those still running when its time is up). An add enters before it touches the
 * service and exits when it returns; once closing began no add enters.
 */
final class UploadRegistry {
    private final String storeName;
    private final Set<Entry> uploads = new LinkedHashSet<>();
    private int running;
    private boolean closing;

    UploadRegistry(String storeName) {
        this.storeName = requireNonNull(storeName, "storeName is null");
    }

    /** Counts an add in; refused once the store is closing. */
    synchronized void addStarted() throws StoreException {
        if (closing) {
            throw closed(storeName);
        }
        running++;
    }

    synchronized void addEnded() {
        running--;
        notifyAll();
    }

    /** Refuses new adds from now on. */
    synchronized void close() {
        closing = true;
    }

    /** Follows the multipart upload {@code uploadId} of a running add. */
    synchronized Entry enter(S3Address address, String uploadId, PartUploads parts) {
        Entry entry = new Entry(address, uploadId, parts);
        uploads.add(entry);
        return entry;
    }

    synchronized void exit(Entry entry) {
        uploads.remove(entry);
    }

    /** Waits until no add is running; false when {@code timeout} passed first. Interrupts are kept for later. */
    synchronized boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Marks every open upload stopped: its add ends at its next step, aborting the upload. */
    synchronized List<Entry> stopAll() {
        List<Entry> stopped = new ArrayList<>(uploads);
        for (Entry entry : stopped) {
            entry.stop();
        }
        return stopped;
    }

    /** The uploads still open. */
    synchronized List<Entry> open() {
        return new ArrayList<>(uploads);
    }

    static StoreException closed(String storeName) {
        return new StoreException("Store '" + storeName + "' is closed");
    }

    /** One add's multipart upload: who completes or aborts it, the add or the closing store. */
    final class Entry {
        private final S3Address address;
        private final String uploadId;
        private final PartUploads parts;
        private boolean stopped;
        private boolean completing;
        private boolean abortClaimed;

        private Entry(S3Address address, String uploadId, PartUploads parts) {
            this.address = address;
            this.uploadId = uploadId;
            this.parts = parts;
        }

        S3Address address() {
            return address;
        }

        String uploadId() {
            return uploadId;
        }

        PartUploads parts() {
            return parts;
        }

        private void stop() {
            synchronized (UploadRegistry.this) {
                stopped = !completing;
            }
        }

        boolean isStopped() {
            synchronized (UploadRegistry.this) {
                return stopped;
            }
        }

        void ensureNotStopped() throws StoreException {
            if (isStopped()) {
                throw stopped();
            }
        }

        StoreException stopped() {
            return new StoreException("Cannot add " + address + ": store '" + storeName + "' was closed before the add"
                    + " finished; its upload was aborted");
        }

        /** The add sends its completion: from now on closing leaves the upload to it. False when stopped first. */
        boolean claimCompletion() {
            synchronized (UploadRegistry.this) {
                completing = !stopped;
                return completing;
            }
        }

        /** Whether the caller is the one to abort the upload (the add, or the closing store, not both). */
        boolean claimAbort() {
            synchronized (UploadRegistry.this) {
                if (abortClaimed) {
                    return false;
                }
                abortClaimed = true;
                return true;
            }
        }
    }
}
