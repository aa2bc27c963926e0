package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyWritebackTest {
    @TempDir
    Path temp;

    @Test
    void writingGoesOnWhileTheFileIsForcedAndEveryByteArrives() throws Exception {
        Path file = temp.resolve("file.bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                EarlyWriteback writeback = new EarlyWriteback(channel)) {
            for (int i = 0; i < 64; i++) {
                channel.write(ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i + 1)}));
                writeback.written();
            }
            writeback.finish();
        }

        byte[] expected = new byte[128];
        for (int i = 0; i < 64; i++) {
            expected[2 * i] = (byte) i;
            expected[2 * i + 1] = (byte) (i + 1);
        }
        assertThat(file).hasBinaryContent(expected);
    }

    @Test
    void aForceThatFailedFailsTheFinish() throws Exception {
        FileChannel channel = FileChannel.open(temp.resolve("file.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.close();
        try (EarlyWriteback writeback = new EarlyWriteback(channel)) {
            writeback.written();

            assertThatThrownBy(writeback::finish).isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void withoutAnyWriteFinishHasNothingToWaitFor() throws Exception {
        try (FileChannel channel = FileChannel.open(temp.resolve("file.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                EarlyWriteback writeback = new EarlyWriteback(channel)) {
            writeback.finish();

            assertThat(channel.size()).isZero();
        }
    }
}
