package io.stowage.tck.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntSupplier;

/** Cuts every read to the next size a supplier gives; 0 means "return 0 bytes this time". */
final class ChunkingInputStream extends InputStream {
    private static final int MAX_ZERO_READS_IN_A_ROW = 3;

    private final InputStream source;
    private final IntSupplier chunkSizes;
    private int zeroReadsInARow;

    ChunkingInputStream(InputStream source, IntSupplier chunkSizes) {
        this.source = requireNonNull(source, "source is null");
        this.chunkSizes = chunkSizes;
    }

    @Override
    public int read() throws IOException {
        return source.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int chunk = chunkSizes.getAsInt();
        if (chunk == 0 && zeroReadsInARow < MAX_ZERO_READS_IN_A_ROW) {
            zeroReadsInARow++;
            return 0;
        }
        zeroReadsInARow = 0;
        return source.read(buffer, offset, Math.min(length, Math.max(chunk, 1)));
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
