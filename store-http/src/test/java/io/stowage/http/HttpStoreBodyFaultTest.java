package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.ByteRange;
import io.stowage.IntegrityException;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.MalformedResponseException;
import io.stowage.ObjectStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies that come short, cut, stalled, chunked, for the wrong range or compressed: the right bytes or a clear error. */
class HttpStoreBodyFaultTest extends HttpStoreFaultFixture {
    // ---------------------------------------------------------------- truncation and resumption

    @Test
    void bodyShorterThanItsContentLengthIsAnIntegrityError() throws Exception {
        server.on("/lying", (request, number, response) ->
                response.status(200).header("Content-Length", DATA.length + 100).body(DATA, 0, DATA.length));
        Location location = location("/lying");

        try (ObjectStream stream = store.get(location)) {
            assertThat(stream.length()).isEqualTo(DATA.length + 100);
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("Truncated body of " + location);
        }
        assertThat(server.requests("/lying")).hasSize(1 + RETRIES);
    }

    @Test
    void bodyCutMidwayResumesFromWhereItBrokeWithIdenticalBytes() throws Exception {
        server.on("/cut", (request, number, response) -> response.serve(DATA, "\"v1\"", number == 0 ? 70_000 : Integer.MAX_VALUE));

        assertThat(readAll(location("/cut"))).isEqualTo(DATA);

        List<MisbehavingServer.Request> requests = server.requests("/cut");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).header("Range")).isEmpty();
        assertThat(requests.get(1).header("Range")).contains("bytes=70000-199999");
        assertThat(requests.get(1).header("If-Range")).contains("\"v1\"");
    }

    @Test
    void bodyCutAgainAndAgainStillDeliversEveryByte() throws Exception {
        server.on("/cuts", (request, number, response) -> response.serve(DATA, "\"v1\"", 30_000));

        assertThat(readAll(location("/cuts"))).isEqualTo(DATA);
        assertThat(server.requests("/cuts")).hasSize(7);
    }

    @Test
    void aResumeThatFindsTheServerUnavailableIsTriedAgainWithinTheLimit() throws Exception {
        server.on("/cut-then-busy", (request, number, response) -> {
            if (number == 0) {
                response.serve(DATA, "\"v1\"", 70_000);
            } else if (number <= RETRIES + 1) {
                response.status(503).header("Content-Length", 0).end(); // every retry of the first resume
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(readAll(location("/cut-then-busy"))).isEqualTo(DATA);
        List<MisbehavingServer.Request> requests = server.requests("/cut-then-busy");
        assertThat(requests).hasSize(RETRIES + 3);
        assertThat(requests.get(RETRIES + 2).header("Range")).contains("bytes=70000-199999");
    }

    @Test
    void rangeReadCutMidwayResumesWithinItsRange() throws Exception {
        server.on("/cut-range", (request, number, response) -> response.serve(DATA, "\"v1\"", number == 0 ? 10_000 : Integer.MAX_VALUE));

        try (ObjectStream stream = store.get(location("/cut-range"), ByteRange.of(50_000, 40_000))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 50_000, 90_000));
        }
        assertThat(server.requests("/cut-range").get(1).header("Range")).contains("bytes=60000-89999");
    }

    @Test
    void resumingAnObjectThatChangedIsAnIntegrityError() throws Exception {
        server.on("/changed", (request, number, response) -> {
            if (number == 0) {
                response.serve(DATA, "\"v1\"", 70_000);
            } else {
                response.serve(OTHER, "\"v2\"");
            }
        });

        try (ObjectStream stream = store.get(location("/changed"))) {
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("changed while being read");
        }
    }

    @Test
    void bodyStallingMidwayIsResumedAfterTheReadTimeout() throws Exception {
        store.close();
        store = store(TestConfigs.fast("retries", RETRIES, "readTimeoutMillis", 300));
        server.on("/stall", (request, number, response) -> {
            if (number == 0) {
                response.status(200).header("Content-Length", DATA.length).header("ETag", "\"v1\"").body(DATA, 0, 50_000);
                server.stall();
            } else {
                response.serve(DATA, "\"v1\"");
            }
        });

        assertThat(readAll(location("/stall"))).isEqualTo(DATA);
        assertThat(server.requests("/stall").get(1).header("Range")).contains("bytes=50000-199999");
    }

    @Test
    void chunkedBodyWithoutLengthIsMeasuredAndRead() throws Exception {
        server.on("/chunked", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(200).header("Content-Length", DATA.length).end();
                return;
            }
            response.status(200).header("Transfer-Encoding", "chunked").end();
            for (int from = 0; from < DATA.length; from += 65_000) {
                response.chunk(DATA, from, Math.min(DATA.length, from + 65_000));
            }
            response.lastChunk();
        });

        assertThat(readAll(location("/chunked"))).isEqualTo(DATA);
    }

    @Test
    void chunkedBodyEndingEarlyIsNeverShortData() throws Exception {
        server.on("/chunked-short", (request, number, response) -> {
            if (request.method().equals("HEAD")) {
                response.status(200).header("Content-Length", DATA.length).end();
                return;
            }
            response.status(200).header("Transfer-Encoding", "chunked").end();
            response.chunk(DATA, 0, 1000);
            response.lastChunk();
        });

        try (ObjectStream stream = store.get(location("/chunked-short"))) {
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("Truncated body");
        }
    }

    // ---------------------------------------------------------------- ranges

    @Test
    void serverIgnoringRangeStillGivesTheRightBytes() throws Exception {
        server.on("/ignores-range", (request, number, response) ->
                response.status(200).header("Content-Length", DATA.length).body(DATA, 0, DATA.length));
        Location location = location("/ignores-range");

        try (ObjectStream stream = store.get(location, ByteRange.of(150_000, 1000))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 150_000, 151_000));
        }
        try (ObjectStream stream = store.get(location, ByteRange.from(DATA.length - 1))) {
            assertThat(stream.readAllBytes()).containsExactly(DATA[DATA.length - 1]);
        }
        try (ObjectStream stream = store.get(location, ByteRange.from(DATA.length))) {
            assertThat(stream.length()).isZero();
            assertThat(stream.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.get(location, ByteRange.from(DATA.length + 1)).close())
                .isInstanceOf(InvalidRangeException.class);
    }

    @Test
    void serverIgnoringRangeAndCuttingIsResumedBySkipping() throws Exception {
        server.on("/ignores-and-cuts", (request, number, response) -> response.status(200)
                .header("Content-Length", DATA.length).header("ETag", "\"v1\"")
                .body(DATA, 0, number == 0 ? 80_000 : DATA.length));

        try (ObjectStream stream = store.get(location("/ignores-and-cuts"), ByteRange.from(20_000))) {
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 20_000, DATA.length));
        }
        assertThat(server.requests("/ignores-and-cuts")).hasSize(2);
    }

    @Test
    void partialAnswerWithOtherBytesIsRefused() throws Exception {
        server.on("/wrong-range", (request, number, response) -> response.status(206)
                .header("Content-Range", "bytes 0-999/" + DATA.length).header("Content-Length", 1000).body(DATA, 0, 1000));

        assertThatThrownBy(() -> store.get(location("/wrong-range"), ByteRange.of(1000, 1000)).close())
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("sent bytes from 0 when bytes from 1000 were asked for");
    }

    @Test
    void aLastByteEchoedPastTheEndIsCutAtTheEnd() throws Exception {
        server.on("/echoes", (request, number, response) -> response.status(206)
                .header("Content-Range", "bytes 150000-249999/" + DATA.length).header("Content-Length", 50_000)
                .header("ETag", "\"v1\"").body(DATA, 150_000, DATA.length));

        try (ObjectStream stream = store.get(location("/echoes"), ByteRange.of(150_000, 100_000))) {
            assertThat(stream.length()).isEqualTo(50_000);
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 150_000, DATA.length));
        }
    }

    @Test
    void aLastByteEchoedPastTheEndWithMoreBytesThanTheObjectHasIsRefused() throws Exception {
        server.on("/echoes-and-sends-more", (request, number, response) -> response.status(206)
                .header("Content-Range", "bytes 150000-249999/" + DATA.length).header("Content-Length", 100_000)
                .body(DATA, 100_000, DATA.length));

        assertThatThrownBy(() -> store.get(location("/echoes-and-sends-more"), ByteRange.of(150_000, 100_000)).close())
                .isExactlyInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("sent a Content-Length of 100000 for a Content-Range of 50000 bytes");
    }

    @Test
    void compressedBodyIsRefused() throws Exception {
        server.on("/gzip", (request, number, response) -> response.status(200)
                .header("Content-Length", 10).header("Content-Encoding", "gzip").body(DATA, 0, 10));

        assertThatThrownBy(() -> store.get(location("/gzip")).close()).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("Content-Encoding \"gzip\"");
    }
}
