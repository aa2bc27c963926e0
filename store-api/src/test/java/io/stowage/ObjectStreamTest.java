package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObjectStreamTest {
    private static final Location LOCATION = Location.of(URI.create("memory://test/x"));

    @Test
    void returnsExactlyTheDeclaredLength() throws Exception {
        ObjectStream stream = new ObjectStream(new ByteArrayInputStream("abcdef".getBytes()), LOCATION, 10, 2, 4);

        assertThat(stream.readAllBytes()).isEqualTo("abcd".getBytes());
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(stream.objectSize()).isEqualTo(10);
        assertThat(stream.offset()).isEqualTo(2);
        assertThat(stream.length()).isEqualTo(4);
    }

    @Test
    void aSingleByteReadAsksAgainWhenTheBackendReturnsNothing() throws Exception {
        // a backend read may return 0 bytes without being at the end: every other read here does
        ObjectStream stream = new ObjectStream(new ByteArrayInputStream("xyz".getBytes()) {
            private boolean nothing = true;

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                nothing = !nothing;
                return nothing ? 0 : super.read(buffer, offset, length);
            }
        }, LOCATION, 3, 0, 3);

        assertThat(new int[] {stream.read(), stream.read(), stream.read(), stream.read()})
                .containsExactly('x', 'y', 'z', -1);
    }

    @Test
    void earlyEndOfBackendDataIsAnIntegrityError() {
        ObjectStream stream = new ObjectStream(new ByteArrayInputStream("abc".getBytes()), LOCATION, 4, 0, 4);

        assertThatThrownBy(() -> stream.transferTo(new ByteArrayOutputStream()))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("Truncated read of memory://test/x: the backend returned 3 of 4 bytes");
    }

    @Test
    void closesTheBackendStreamOnce() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        ObjectStream stream = new ObjectStream(new ByteArrayInputStream(new byte[8]) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        }, LOCATION, 8, 0, 8);

        stream.read();
        stream.close();
        stream.close();

        assertThat(closes).hasValue(1);
        assertThat(stream.isClosed()).isTrue();
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void refusesInconsistentBounds() {
        assertThatThrownBy(() -> new ObjectStream(InputStreamOfNothing.INSTANCE, LOCATION, 4, 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class InputStreamOfNothing extends java.io.InputStream {
        static final InputStreamOfNothing INSTANCE = new InputStreamOfNothing();

        @Override
        public int read() {
            return -1;
        }
    }
}
