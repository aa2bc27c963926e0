package io.stowage.image.client;

import io.stowage.ChecksumAlgorithm;
import io.stowage.support.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The body of one upload attempt as it is sent: counts the bytes and computes their MD5 (the
 * image's {@code checksum}), so that after a lost answer the client can tell its own upload in an
 * image that became {@code active}. Closing does not close the source.
 */
final class SentBody extends FilterInputStream {
    private final MessageDigest md5 = ChecksumAlgorithm.MD5.newDigest();
    private final OptionalLong size;
    private long bytes;
    private boolean ended;
    private String md5Hex;

    /** @param size the size of the data when known: a body read that far was read whole (it is not read past its length) */
    SentBody(InputStream source, OptionalLong size) {
        super(source);
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
        } else {
            md5.update(buffer, offset, n);
            bytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte sent is counted and digested
    }

    @Override
    public void close() {
        // the attempt closes the source itself
    }

    /** Bytes taken from the source so far. */
    long bytes() {
        return bytes;
    }

    /** The MD5 of the whole data, once it was read to its end. */
    Optional<String> md5() {
        if (!ended && (size.isEmpty() || bytes != size.getAsLong())) {
            return Optional.empty();
        }
        if (md5Hex == null) {
            md5Hex = HexFormat.of().formatHex(md5.digest());
        }
        return Optional.of(md5Hex);
    }
}
