package io.stowage.tck.source;

import java.io.InputStream;

/** Streams a range of a {@link Payload}, generating the bytes as they are read. */
final class PayloadInputStream extends InputStream {
    private final Payload payload;
    private final long end;
    private long position;

    PayloadInputStream(Payload payload, long start, long end) {
        this.payload = payload;
        this.position = start;
        this.end = end;
    }

    @Override
    public int read() {
        return position < end ? payload.byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = (int) Math.min(length, end - position);
        payload.fill(position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
}
