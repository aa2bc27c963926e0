package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.ProgressListener;
import io.stowage.support.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes everything read from its source into a channel before handing it on, and tells a
 * listener how much was written. The fallback's copy writes the data on the thread that receives
 * it, while it is still in that core's cache (a write from another core measured twice the
 * system time per byte on the project machine), and hashes it on the copy's other thread. A
 * failed write fails the read that brought the data; closing closes the source, not the channel.
 */
final class WritingInputStream extends FilterInputStream {
    private final WritableByteChannel target;
    private final ProgressListener progress;
    private long written;

    WritingInputStream(InputStream source, WritableByteChannel target, ProgressListener progress) {
        super(requireNonNull(source, "source is null"));
        this.target = requireNonNull(target, "target is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            ByteBuffer data = ByteBuffer.wrap(buffer, offset, n);
            while (data.hasRemaining()) {
                target.write(data);
            }
            written += n;
            progress.transferred(written);
        }
        return n;
    }

    /** Skipped bytes would be missing from the target: nothing is skipped. */
    @Override
    public long skip(long n) {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
