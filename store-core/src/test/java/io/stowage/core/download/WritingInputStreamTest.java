package io.stowage.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritingInputStreamTest {
    private static final byte[] DATA = "bytes on their way to a file".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyByteReadIsWrittenFirstWhicheverReadTakesIt() throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();
        try (WritingInputStream in = new WritingInputStream(new ByteArrayInputStream(DATA), Channels.newChannel(written),
                progress::add)) {
            assertThat(in.read()).isEqualTo('b');
            byte[] rest = new byte[64];
            assertThat(in.read(rest, 3, 10)).isEqualTo(10);
            assertThat(in.skip(5)).isZero();
            assertThat(in.readAllBytes()).hasSize(DATA.length - 11);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(written.toByteArray()).isEqualTo(DATA);
        assertThat(progress).startsWith(1L, 11L).last().isEqualTo((long) DATA.length);
    }

    @Test
    void aFailedWriteFailsTheRead() {
        IOException full = new IOException("No space left on device");
        WritableByteChannel fullDisk = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer data) throws IOException {
                throw full;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        WritingInputStream in = new WritingInputStream(new ByteArrayInputStream(DATA), fullDisk, bytes -> { });

        assertThatThrownBy(() -> in.read(new byte[8], 0, 8)).isSameAs(full);
    }
}
