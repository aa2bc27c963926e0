package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.integrity.ContentVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;

/**
 * A channel whose every write goes to a {@link ContentVerifier} (which hashes, counts and checks
 * the bytes) and nowhere else: the end of the fallback's copy that runs on the copy's writer
 * thread. It takes buffers backed by an array, as a {@link io.stowage.support.PipelinedCopy}
 * writes them. A write the verifier refuses (more bytes than expected) throws its exception.
 */
final class VerifyingChannel implements WritableByteChannel {
    private final ContentVerifier verifier;
    private boolean open = true;

    VerifyingChannel(ContentVerifier verifier) {
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    @Override
    public int write(ByteBuffer data) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (!data.hasArray()) {
            throw new IllegalArgumentException("The verifying channel takes buffers backed by an array");
        }
        int length = data.remaining();
        verifier.update(data.array(), data.arrayOffset() + data.position(), length);
        data.position(data.limit());
        return length;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
