package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ObjectStream#transferTo(WritableByteChannel, long)}: through the backend's own transfer where it has one, else by reading. */
class ObjectStreamChannelTransferTest {
    private static final Location LOCATION = Location.of(URI.create("memory://test/x"));

    @Test
    void aPlainBackendStreamIsReadInStepsOfAtMostMaxBytesUpToTheLength() throws Exception {
        ObjectStream stream = new ObjectStream(new ByteArrayInputStream(bytes("abcdefgh")), LOCATION, 10, 2, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel target = Channels.newChannel(out);

        assertThat(stream.transferTo(target, 2)).isEqualTo(2);
        assertThat(stream.transferTo(target, 100)).isEqualTo(3);
        assertThat(stream.transferTo(target, 100)).isZero();

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abcde");
        assertThat(stream.hasChannelTransfer()).isFalse();
        assertThat(stream.position()).isEqualTo(5);
    }

    @Test
    void aTransferringBackendMovesTheBytesItselfAndIsNeverAskedForMoreThanTheReadHasLeft() throws Exception {
        TransferringStream backend = new TransferringStream(bytes("abcdefgh"), Integer.MAX_VALUE);
        ObjectStream stream = new ObjectStream(backend, LOCATION, 8, 0, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel target = Channels.newChannel(out);

        assertThat(stream.transferTo(target, 4)).isEqualTo(4);
        assertThat(stream.transferTo(target, 100)).isEqualTo(2);
        assertThat(stream.transferTo(target, 100)).isZero();

        assertThat(backend.asked).containsExactly(4L, 2L);
        assertThat(stream.hasChannelTransfer()).isTrue();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(stream.position()).isEqualTo(6);
    }

    @Test
    void whenTheBackendMovesNothingTheStreamReadsAndAShortObjectIsAnIntegrityError() throws Exception {
        TransferringStream backend = new TransferringStream(bytes("abc"), 0);
        ObjectStream stream = new ObjectStream(backend, LOCATION, 4, 0, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel target = Channels.newChannel(out);

        assertThat(stream.transferTo(target, 100)).isEqualTo(3);
        assertThatThrownBy(() -> stream.transferTo(target, 100))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("Truncated read of memory://test/x: the backend returned 3 of 4 bytes");
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void aBackendThatClaimsMoreThanItWasAskedForIsAProgrammingError() throws Exception {
        ObjectStream stream = new ObjectStream(new TransferringStream(bytes("abcdefgh"), Integer.MAX_VALUE) {
            @Override
            public long transferTo(WritableByteChannel target, long maxBytes) throws IOException {
                return super.transferTo(target, maxBytes) + 1;
            }
        }, LOCATION, 8, 0, 8);

        assertThatThrownBy(() -> stream.transferTo(Channels.newChannel(new ByteArrayOutputStream()), 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The backend stream of memory://test/x moved 5 bytes where 4 were asked for");
    }

    @Test
    void refusesAClosedStreamAndANonPositiveMaximum() throws Exception {
        ObjectStream stream = new ObjectStream(new ByteArrayInputStream(bytes("ab")), LOCATION, 2, 0, 2);
        WritableByteChannel target = Channels.newChannel(new ByteArrayOutputStream());

        assertThatThrownBy(() -> stream.transferTo(target, 0)).isInstanceOf(IllegalArgumentException.class);
        stream.close();
        assertThatThrownBy(() -> stream.transferTo(target, 1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A backend stream with its own transfer, moving at most {@code perCall} bytes a call; records what it was asked for. */
    private static class TransferringStream extends ByteArrayInputStream implements ChannelTransferSource {
        final List<Long> asked = new ArrayList<>();
        private final int perCall;

        TransferringStream(byte[] data, int perCall) {
            super(data);
            this.perCall = perCall;
        }

        @Override
        public long transferTo(WritableByteChannel target, long maxBytes) throws IOException {
            asked.add(maxBytes);
            int n = (int) Math.min(Math.min(maxBytes, perCall), available());
            ByteBuffer slice = ByteBuffer.wrap(buf, pos, n);
            while (slice.hasRemaining()) {
                target.write(slice);
            }
            pos += n;
            return n;
        }
    }
}
