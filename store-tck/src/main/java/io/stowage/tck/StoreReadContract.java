package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.tck.fault.FaultInjectingStore;
import io.stowage.tck.fault.Faults;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@link StoreContractTest}: reads of every range edge, streams that describe their
 * read and refuse reads once closed, and streams that are abandoned, fail mid-read or are
 * interleaved: each is released and reads its own data. The environment's count of what the
 * store holds open must see an open stream, and must be zero once each stream is closed.
 */
abstract class StoreReadContract extends StoreDuplicateAndDeleteContract {
    private static final int ABANDONED_STREAMS = 64;

    /** {@return the sizes of the objects whose every range edge is read} */
    protected Stream<Long> rangeObjectSizes() {
        return Stream.of(0L, 1L, 2L, 1000L, tckEnvironment().boundarySizes().get(tckEnvironment().boundarySizes().size() - 1));
    }

    @ParameterizedTest(name = "object of {0} bytes")
    @MethodSource("rangeObjectSizes")
    void readsEveryRangeEdge(long size) throws Exception {
        requires(Capability.RANGE_READ);
        Payload payload = Payload.of(size, nextSeed());
        Location location = put(newId(), payload);
        for (ByteRange range : rangeEdges(size)) {
            if (range.offset() > size) {
                assertThatThrownBy(() -> store().get(location, range).close())
                        .as("read of %s of an object of %d bytes", range, size)
                        .isInstanceOf(InvalidRangeException.class);
                continue;
            }
            long expectedLength = range.length().isPresent()
                    ? Math.min(range.length().getAsLong(), size - range.offset())
                    : size - range.offset();
            try (ObjectStream stream = store().get(location, range)) {
                assertThat(stream.objectSize()).as("object size, read of %s", range).isEqualTo(size);
                assertThat(stream.offset()).as("offset, read of %s", range).isEqualTo(range.offset());
                assertThat(stream.length()).as("length, read of %s", range).isEqualTo(expectedLength);
                assertThat(payload.mismatch(stream, range.offset(), expectedLength))
                        .as("data of the read of %s of an object of %d bytes", range, size).isEmpty();
            }
        }
    }

    private static List<ByteRange> rangeEdges(long size) {
        List<ByteRange> ranges = new ArrayList<>();
        long[] offsets = LongStream.of(0, 1, size / 2, size - 1, size, size + 1, size + 1000, Long.MAX_VALUE)
                .filter(offset -> offset >= 0).distinct().toArray();
        for (long offset : offsets) {
            ranges.add(ByteRange.from(offset));
            long rest = size - offset;
            for (long length : LongStream.of(0, 1, 2, rest - 1, rest, rest + 1, Long.MAX_VALUE - offset, Long.MAX_VALUE)
                    .filter(length -> length >= 0).distinct().toArray()) {
                ranges.add(ByteRange.of(offset, length));
            }
        }
        return ranges;
    }

    @Test
    void streamsDescribeTheirRead() throws Exception {
        Payload payload = Payload.of(5000, nextSeed());
        Location location = put(newId(), payload);

        try (ObjectStream stream = store().get(location)) {
            assertThat(stream.objectSize()).isEqualTo(5000);
            assertThat(stream.offset()).isZero();
            assertThat(stream.length()).isEqualTo(5000);
            assertThat(stream.location().uri()).isEqualTo(location.uri());
            assertThat(stream.readNBytes(10)).hasSize(10);
            assertThat(stream.position()).isEqualTo(10);
            assertThat(payload.mismatch(stream, 10, 4990)).isEmpty();
            assertThat(stream.read()).as("read after the end").isEqualTo(-1);
            assertThat(stream.read(new byte[10])).as("read after the end").isEqualTo(-1);
        }
    }

    @Test
    void theEnvironmentCountsWhatAnOpenStreamHolds() throws Exception {
        Location location = put(newId(), Payload.of(100_000, nextSeed()));
        assertNothingOpen();

        try (ObjectStream stream = store().get(location)) {
            assertThat(stream.read()).isNotNegative();
            assertThat(tckEnvironment().openResources(backendStore()))
                    .as("what the environment counts open while a stream of %s is open: a leak counter that does not see"
                            + " an open stream cannot see a leaked one", location)
                    .isPositive();
        }
        assertNothingOpen();
    }

    @Test
    void closedStreamsRefuseReads() throws Exception {
        Location location = put(newId(), Payload.of(5000, nextSeed()));
        ObjectStream stream = store().get(location);
        stream.read();

        stream.close();
        stream.close();

        assertThat(stream.isClosed()).isTrue();
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class);
    }

    @Test
    void abandonedStreamsAreReleased() throws Exception {
        long size = tckEnvironment().boundarySizes().get(tckEnvironment().boundarySizes().size() - 1) * 2 + 1;
        Payload payload = Payload.of(size, nextSeed());
        Location location = put(newId(), payload);
        for (int i = 0; i < ABANDONED_STREAMS; i++) {
            ObjectStream stream = store().get(location);
            switch (i % 4) {
                case 0 -> { } // closed unread
                case 1 -> stream.read();
                case 2 -> stream.readNBytes((int) (size / 2));
                default -> stream.skip(size - 1);
            }
            stream.close();
            assertNothingOpen();
        }
        if (has(Capability.RANGE_READ)) {
            for (int i = 0; i < ABANDONED_STREAMS / 4; i++) {
                try (ObjectStream stream = store().get(location, ByteRange.of(i, size / 2))) {
                    stream.read();
                }
            }
        }
        assertReads(location, payload);
    }

    @Test
    void abandonedLargeStreamsAreReleased() throws Exception {
        Payload payload = Payload.of(tckEnvironment().largeSize(), nextSeed());
        Location location = put(newId(), payload);

        try (ObjectStream stream = store().get(location)) {
            assertThat(stream.readNBytes(100_000)).hasSize(100_000);
        }
        assertNothingOpen();

        assertReads(location, payload);
    }

    @Test
    void streamsThatFailMidReadAreReleased() throws Exception {
        Payload payload = Payload.of(200_000, nextSeed());
        Location location = put(newId(), payload);
        FaultInjectingStore faulty = new FaultInjectingStore(store(), Faults.NONE.withReadFailureAfter(70_000));

        try (ObjectStream stream = faulty.get(location)) {
            assertThatThrownBy(() -> stream.transferTo(java.io.OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class);
        }
        faulty.inject(Faults.NONE.withCloseFailure());
        ObjectStream stream = faulty.get(location);
        stream.readNBytes(10);
        assertThatThrownBy(stream::close).isInstanceOf(IOException.class);

        assertReads(location, payload);
    }

    @Test
    void interleavedStreamsReadTheirOwnData() throws Exception {
        Payload first = Payload.of(100_000, nextSeed());
        Payload second = Payload.of(100_000, nextSeed());
        Location firstLocation = put(newId(), first);
        Location secondLocation = put(newId(), second);

        try (ObjectStream a = store().get(firstLocation); ObjectStream b = store().get(firstLocation);
                ObjectStream c = store().get(secondLocation)) {
            byte[] fromA = a.readNBytes(50_000);
            byte[] fromC = c.readNBytes(50_000);
            byte[] fromB = b.readNBytes(100_000);
            assertThat(first.mismatch(new java.io.ByteArrayInputStream(fromA), 0, 50_000)).isEmpty();
            assertThat(second.mismatch(new java.io.ByteArrayInputStream(fromC), 0, 50_000)).isEmpty();
            assertThat(first.mismatch(new java.io.ByteArrayInputStream(fromB))).isEmpty();
            assertThat(first.mismatch(a, 50_000, 50_000)).isEmpty();
            assertThat(second.mismatch(c, 50_000, 50_000)).isEmpty();
        }
    }
}
