package io.stowage.core.download;

import io.stowage.support.AtomicFile;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Forces a download's temp file to the device ({@link AtomicFile#force}) on a thread of its
 * own, so that the device's write-back overlaps other work that only reads the file (the
 * verification); once it succeeded, publishing the file does not force it again.
 * {@link #close()} waits for the thread, so no sync outlives the attempt that started it and
 * the file can be truncated or deleted afterwards.
 */
final class BackgroundSync implements AutoCloseable {
    private final AtomicFile file;
    private final Thread thread;
    private volatile Exception failure;

    private BackgroundSync(AtomicFile file) {
        this.file = file;
        this.thread = new Thread(this::force, "stowage-download-sync");
        thread.setDaemon(true);
    }

    static BackgroundSync start(AtomicFile file) {
        BackgroundSync sync = new BackgroundSync(file);
        sync.thread.start();
        return sync;
    }

    /** Waits for the sync to end and throws its failure, if it failed. */
    void await() throws IOException {
        join();
        Exception failed = failure;
        if (failed != null) {
            throw new IOException("Forcing the download file " + file.temp().getFileName() + " to the device failed: "
                    + failed, failed);
        }
    }

    /** Waits for the sync to end; its failure, if any, is left to {@link #await()}. */
    @Override
    public void close() throws InterruptedIOException {
        join();
    }

    private void force() {
        try {
            file.force();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void join() throws InterruptedIOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the download file to reach the device");
        }
    }
}
