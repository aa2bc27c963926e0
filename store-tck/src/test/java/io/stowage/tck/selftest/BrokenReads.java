package io.stowage.tck.selftest;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.ClosedByInterruptException;

/** How a {@link BrokenStore} with a read defect reads. */
final class BrokenReads {
    private BrokenReads() {}

    static ObjectStream get(Defect defect, MemoryStore memory, Location location, ByteRange range) throws IOException {
        return switch (defect) {
            case TRUNCATES_LAST_BYTE, REPORTS_WRONG_SIZE -> misSized(defect, memory, location, range);
            case IGNORES_RANGE_OFFSET -> {
                long size = memory.size(location);
                long length = range.lengthWithin(size, location);
                yield new ObjectStream(memory.get(location, ByteRange.of(0, length)), location, size, range.offset(), length);
            }
            case LEAKS_STREAMS -> rewrapped(memory.get(location, range), data -> new FilterInputStream(data) {
                @Override
                public void close() {
                    // the backend stream stays open
                }
            });
            case LEAKS_ON_EARLY_CLOSE -> {
                ObjectStream data = memory.get(location, range);
                yield rewrapped(data, stream -> new FilterInputStream(stream) {
                    @Override
                    public void close() throws IOException {
                        if (data.position() == data.length()) {
                            super.close(); // released only when read to the end
                        }
                    }
                });
            }
            case LEAKS_FOREIGN_EXCEPTIONS -> rewrapped(memory.get(location, range), data -> new FilterInputStream(data) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ClosedByInterruptException(); // as a FileChannel's stream does
                    }
                    return super.read(buffer, offset, length);
                }
            });
            case BUFFERS_WHOLE_OBJECTS -> {
                try (ObjectStream data = memory.get(location, range)) {
                    byte[] whole = data.readAllBytes();
                    yield new ObjectStream(new ByteArrayInputStream(whole), location, data.objectSize(), data.offset(),
                            data.length());
                }
            }
            default -> memory.get(location, range);
        };
    }

    private interface Wrapper {
        InputStream wrap(ObjectStream data);
    }

    private static ObjectStream rewrapped(ObjectStream data, Wrapper wrapper) {
        return new ObjectStream(wrapper.wrap(data), data.location(), data.objectSize(), data.offset(), data.length());
    }

    /** TRUNCATES_LAST_BYTE: the memory object lacks the byte already; REPORTS_WRONG_SIZE pads one byte. */
    private static ObjectStream misSized(Defect defect, MemoryStore memory, Location location, ByteRange range)
            throws IOException {
        long actualSize = memory.size(location);
        long size = defect == Defect.REPORTS_WRONG_SIZE ? actualSize + 1 : actualSize;
        long length = range.lengthWithin(size, location);
        long fromBackend = Math.max(0, Math.min(length, actualSize - range.offset()));
        InputStream data = memory.get(location, ByteRange.of(Math.min(range.offset(), actualSize), fromBackend));
        if (fromBackend < length) {
            data = new SequenceInputStream(data, new ByteArrayInputStream(new byte[(int) (length - fromBackend)]));
        }
        return new ObjectStream(data, location, size, range.offset(), length);
    }
}
