package io.stowage.tck.memory;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The bytes of one object, held in fixed-size chunks so that no object needs one big array. */
final class MemoryObject {
    static final int CHUNK_SIZE = 64 * 1024;

    private final List<byte[]> chunks;
    private final long size;

    private MemoryObject(List<byte[]> chunks, long size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** Told of every read that returned data, so that the reader can count it or stop the copy. */
    interface ReadListener {
        void read(int bytes) throws IOException;
    }

    /**
     * Reads {@code in} to its end, telling {@code listener} of every read that returned data;
     * returns 0 from read are waited out, not taken as the end.
     */
    static List<byte[]> readChunks(InputStream in, ReadListener listener) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        byte[] chunk = new byte[CHUNK_SIZE];
        int filled = 0;
        while (true) {
            if (filled == CHUNK_SIZE) {
                chunks.add(chunk);
                chunk = new byte[CHUNK_SIZE];
                filled = 0;
            }
            int n = in.read(chunk, filled, CHUNK_SIZE - filled);
            if (n < 0) {
                break;
            }
            filled += n;
            if (n > 0) {
                listener.read(n);
            }
        }
        if (filled > 0) {
            chunks.add(java.util.Arrays.copyOf(chunk, filled));
        }
        return chunks;
    }

    static MemoryObject of(List<byte[]> chunks) {
        long size = 0;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        return new MemoryObject(List.copyOf(chunks), size);
    }

    long size() {
        return size;
    }

    /** A stream of {@code length} bytes from {@code offset}; {@code onClose} runs once when it is closed. */
    InputStream open(long offset, long length, Runnable onClose) {
        return new ChunkInputStream(offset, offset + length, onClose);
    }

    private final class ChunkInputStream extends InputStream {
        private final long end;
        private final Runnable onClose;
        private long position;
        private boolean closed;

        ChunkInputStream(long start, long end, Runnable onClose) {
            this.position = start;
            this.end = end;
            this.onClose = onClose;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("Stream is closed");
            }
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            byte[] chunk = chunks.get((int) (position / CHUNK_SIZE));
            int inChunk = (int) (position % CHUNK_SIZE);
            int n = (int) Math.min(Math.min(length, chunk.length - inChunk), end - position);
            System.arraycopy(chunk, inChunk, buffer, offset, n);
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

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                onClose.run();
            }
        }
    }
}
