package io.stowage.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundSyncTest {
    @TempDir
    Path dir;

    @Test
    void syncsAWrittenFileAndLeavesItAsItWas() throws IOException {
        Path file = Files.write(dir.resolve("download.part"), "verified bytes".getBytes());

        try (BackgroundSync sync = BackgroundSync.start(file)) {
            sync.await();
        }

        assertThat(file).hasContent("verified bytes");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("stowage-download-sync");
    }

    @Test
    void aSyncThatFailedFailsTheAwaitNamingTheFile() throws IOException {
        Path missing = dir.resolve("gone.part");

        try (BackgroundSync sync = BackgroundSync.start(missing)) {
            assertThatThrownBy(sync::await)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("gone.part")
                    .hasMessageContaining("failed");
        }
    }

    @Test
    void closeWaitsForTheSyncSoTheFileCanBeTruncatedAfterwards() throws IOException {
        Path file = Files.write(dir.resolve("download.part"), new byte[1 << 20]);

        BackgroundSync sync = BackgroundSync.start(file);
        sync.close();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("stowage-download-sync");
        Files.write(file, new byte[0]);
        assertThat(file).isEmptyFile();
    }
}
