package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.tck.net.NetworkFaultTest;
import io.stowage.tck.source.Payload;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TCK's network fault suite, plus what the HTTP store promises beyond it: a read cut at
 * any point is resumed and completes with identical bytes (never an error, while the server
 * keeps answering), for whole objects and ranges.
 */
abstract class HttpNetworkFaultTest extends NetworkFaultTest {
    private static final int CUTS = 6;

    @Test
    void readsCutAtRandomOffsetsResumeWithIdenticalBytes() throws Exception {
        Payload payload = Payload.of(1024 * 1024 + 1, 4242);
        Location location = put(payload);
        Random random = new Random(payload.size());
        for (int i = 0; i < CUTS; i++) {
            // each connection is cut after this many bytes (request and headers included)
            long cut = 20_000 + (long) (random.nextDouble() * payload.size());
            proxy().cutAfter(cut);
            try (ObjectStream stream = store().get(location)) {
                assertThat(payload.mismatch(stream)).as("data read across cuts every %d bytes", cut).isEmpty();
            }
            long offset = (long) (random.nextDouble() * payload.size());
            try (ObjectStream stream = store().get(location, ByteRange.of(offset, 300_000))) {
                assertThat(payload.mismatch(stream, offset, stream.length()))
                        .as("range from %d across cuts every %d bytes", offset, cut).isEmpty();
            }
            proxy().heal();
        }
    }

    @Test
    void throttledRangeReadsAreComplete() throws Exception {
        Payload payload = Payload.of(300_000, 99);
        Location location = put(payload);
        proxy().throttle(2L * 1024 * 1024);

        try (ObjectStream stream = store().get(location, ByteRange.of(1000, 250_000))) {
            assertThat(payload.mismatch(stream, 1000, 250_000)).isEmpty();
        }
    }
}
