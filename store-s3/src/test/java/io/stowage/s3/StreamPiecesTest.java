package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The small stream pieces of the store: the prefixed source. */
class StreamPiecesTest {
    @Test
    void aPrefixedStreamPassesZeroLengthReadsOfTheRestThroughInsteadOfEnding() throws Exception {
        InputStream rest = new InputStream() {
            private int calls;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                calls++;
                if (calls == 1) {
                    return 0;
                }
                if (calls == 2) {
                    buffer[offset] = 9;
                    return 1;
                }
                return -1;
            }
        };
        PrefixedInputStream in = new PrefixedInputStream(new byte[] {1, 2, 3, 4}, 3, rest);
        byte[] buffer = new byte[10];

        assertThat(in.read(buffer, 0, 2)).isEqualTo(2);
        assertThat(in.read(buffer, 2, 10 - 2)).isEqualTo(1);
        assertThat(in.read(buffer, 3, 7)).isZero();
        assertThat(in.read(buffer, 3, 7)).isEqualTo(1);
        assertThat(in.read(buffer, 4, 6)).isEqualTo(-1);
        assertThat(buffer).startsWith(1, 2, 3, 9);
    }

    @Test
    void aPrefixedStreamWithAnEmptyPrefixIsTheRest() throws Exception {
        PrefixedInputStream in = new PrefixedInputStream(new byte[4], 0, new ByteArrayInputStream(new byte[] {5, 6}));

        assertThat(in.readAllBytes()).containsExactly(5, 6);
    }
}
