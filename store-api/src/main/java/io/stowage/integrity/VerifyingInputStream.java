package io.stowage.integrity;

import static java.util.Objects.requireNonNull;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a source through a {@link ContentVerifier}. A failed expectation surfaces as the
 * exception of the {@code read} that saw it, so a store copying from this stream never
 * reaches a clean end of data it must not keep. The end-of-data read throws instead of
 * returning -1 when the size or checksum is wrong.
 *
 * <p>Closing this stream does not close the source: the caller owns it.
 */
public final class VerifyingInputStream extends InputStream {
    private final InputStream source;
    private final ContentVerifier verifier;
    private VerifiedContent result;

    /**
     * Verifies {@code source} as it is read.
     *
     * @param source the data; not closed by this stream
     * @param verifier checks the data
     */
    public VerifyingInputStream(InputStream source, ContentVerifier verifier) {
        this.source = requireNonNull(source, "source is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (result != null) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = source.read(buffer, offset, length);
        if (n < 0) {
            result = verifier.finish();
            return -1;
        }
        verifier.update(buffer, offset, n);
        return n;
    }

    /** {@return the bytes read so far} */
    public long bytes() {
        return verifier.bytes();
    }

    /** {@return whether the source was read to its end and passed verification} */
    public boolean isComplete() {
        return result != null;
    }

    /**
     * {@return the verified size and checksums}
     *
     * @throws IllegalStateException before the end of the data was read and verified
     */
    public VerifiedContent result() {
        if (result == null) {
            throw new IllegalStateException("The data has not been read to its end");
        }
        return result;
    }

    @Override
    public void close() {
        // the source belongs to the caller
    }
}
