package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Starts the device writing a file while the file is still being written: {@link #written()}
 * forces what the file holds so far ({@code FileChannel.force(false)}) on a thread of its own,
 * unless a force is still running. Without it the kernel keeps the data in the page cache until
 * the final fsync, which then writes all of it while nothing else happens; with it, that
 * fsync finds little left. (Java has no {@code sync_file_range}; {@code fdatasync} on another
 * thread is the portable way to start writeback early.) It takes nothing from durability: the
 * writer still forces the whole file when it is complete.
 *
 * <p>{@link #finish()} waits for the force in progress and throws the first failure of any;
 * {@link #close()} only waits, so that no force outlives the file.
 */
final class EarlyWriteback implements AutoCloseable {
    private final FileChannel channel;
    private Thread running;
    private volatile IOException failure;

    EarlyWriteback(FileChannel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    /** Starts forcing the file, unless a force is running: more was written since it started or last ended. */
    void written() {
        if (running != null && running.isAlive()) {
            return;
        }
        running = new Thread(this::force, "stowage-early-writeback");
        running.setDaemon(true);
        running.start();
    }

    /** Waits for the force in progress; throws the failure of any force. */
    void finish() throws IOException {
        close();
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Waits for the force in progress, also when interrupted (the force cannot be stopped, and the
     * file must not be removed under it); an interrupt is kept for the caller.
     */
    @Override
    public void close() {
        if (running == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                running.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
