package io.stowage.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.support.AtomicFile;
import io.stowage.support.AtomicFileOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundSyncTest {
    @TempDir
    Path dir;

    @Test
    void syncsAWrittenFileAndLeavesItAsItWas() throws IOException {
        try (AtomicFile file = AtomicFile.create(dir.resolve("download"), AtomicFileOptions.defaults())) {
            file.channel().write(ByteBuffer.wrap("verified bytes".getBytes(StandardCharsets.US_ASCII)));

            try (BackgroundSync sync = BackgroundSync.start(file)) {
                sync.await();
            }

            assertThat(file.temp()).hasContent("verified bytes");
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("stowage-download-sync");
    }

    @Test
    void aSyncThatFailedFailsTheAwaitNamingTheFile() throws IOException {
        try (AtomicFile file = AtomicFile.create(dir.resolve("gone"), AtomicFileOptions.defaults())) {
            file.channel().close();

            try (BackgroundSync sync = BackgroundSync.start(file)) {
                assertThatThrownBy(sync::await)
                        .isInstanceOf(IOException.class)
                        .hasMessage("Forcing the download file " + file.temp().getFileName() + " to the device failed: "
                                + ClosedChannelException.class.getName())
                        .hasCauseInstanceOf(ClosedChannelException.class);
            }
        }
    }

    @Test
    void closeWaitsForTheSyncSoTheFileCanBeTruncatedAfterwards() throws IOException {
        try (AtomicFile file = AtomicFile.create(dir.resolve("download"), AtomicFileOptions.defaults())) {
            file.channel().write(ByteBuffer.allocate(1 << 20));

            BackgroundSync sync = BackgroundSync.start(file);
            sync.close();

            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .doesNotContain("stowage-download-sync");
            file.truncate();
            assertThat(file.temp()).isEmptyFile();
        }
    }
}
