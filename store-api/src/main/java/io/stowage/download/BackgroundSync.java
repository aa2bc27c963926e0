package io.stowage.download;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a file's written data to the device on a thread of its own, so that the device's
 * write-back overlaps other work that only reads the file (a download's verification).
 * {@link #close()} waits for the thread, so no sync outlives the attempt that started it and
 * the file can be truncated or deleted afterwards.
 */
final class BackgroundSync implements AutoCloseable {
    private final Path file;
    private final Thread thread;
    private volatile Exception failure;

    private BackgroundSync(Path file) {
        this.file = file;
        this.thread = new Thread(this::force, "stowage-download-sync");
        thread.setDaemon(true);
    }

    static BackgroundSync start(Path file) {
        BackgroundSync sync = new BackgroundSync(file);
        sync.thread.start();
        return sync;
    }

    /** Waits for the sync to end and throws its failure, if it failed. */
    void await() throws IOException {
        join();
        Exception failed = failure;
        if (failed != null) {
            throw new IOException("Forcing the download file " + file.getFileName() + " to the device failed: "
                    + failed.getMessage(), failed);
        }
    }

    /** Waits for the sync to end; its failure, if any, is left to {@link #await()}. */
    @Override
    public void close() throws InterruptedIOException {
        join();
    }

    private void force() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
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
