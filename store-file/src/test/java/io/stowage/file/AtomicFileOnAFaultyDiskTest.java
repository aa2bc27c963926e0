package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.support.AtomicFile;
import io.stowage.support.AtomicFileOptions;
import io.stowage.support.FileLockUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * store-api's {@link AtomicFile} (which the file store, the direct downloader and
 * {@code stowage get -o} publish with) where the disk fails it: a file whose fsync fails, a
 * directory whose fsync fails after the rename, an interrupt during that sync, a filesystem
 * without locks. This module holds the faulty filesystem, so the tests live here.
 */
class AtomicFileOnAFaultyDiskTest {
    @TempDir
    Path root;

    private FaultyFileSystem disk;
    private Path dir;

    @BeforeEach
    void faultyDisk() throws IOException {
        disk = FaultyFileSystem.over(FileSystems.getDefault());
        dir = Files.createDirectories(disk.wrap(root).resolve("out"));
    }

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted(); // a failed assertion must not leave it set for the next test
    }

    @Test
    void aFailingFsyncFailsThePublishAndLeavesTheTargetAsItWas() throws IOException {
        Path target = Files.writeString(dir.resolve("image"), "precious");
        disk.failFileSyncs(path -> true);
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "never durable");

            assertThatThrownBy(file::publish).isExactlyInstanceOf(IOException.class).hasMessage(FaultyFileChannel.EIO);
            assertThat(file.published()).isFalse();
        }
        assertThat(target).hasContent("precious");
        assertThat(TestFiles.names(dir)).containsExactly("image");
    }

    @Test
    void aFailingDirectorySyncAfterTheRenameSaysTheFileIsInPlace() throws IOException {
        Path target = Files.writeString(dir.resolve("image"), "old");
        disk.onDirectorySync(syncing -> {
            throw new IOException(FaultyFileChannel.EIO);
        });
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "new");

            assertThatThrownBy(file::publish).isExactlyInstanceOf(IOException.class)
                    .hasMessage(target + " is in place, but forcing its directory to the device failed, so after a crash"
                            + " the name may be lost: java.io.IOException: " + FaultyFileChannel.EIO)
                    .cause().hasMessage(FaultyFileChannel.EIO);
            assertThat(file.published()).isTrue();
        }
        assertThat(target).hasContent("new");
        assertThat(TestFiles.names(dir)).containsExactly("image");
    }

    /** Once the name is given the publish has happened: an interrupt during the dir sync lets it finish, and is kept. */
    @Test
    void anInterruptDuringTheDirectorySyncLetsThePublishFinish() throws IOException {
        Path target = dir.resolve("image");
        AtomicBoolean interrupted = new AtomicBoolean();
        disk.onDirectorySync(syncing -> {
            if (interrupted.compareAndSet(false, true)) {
                Thread.currentThread().interrupt();
            }
        });
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "complete");

            file.publish();

            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
        assertThat(interrupted).isTrue();
        assertThat(target).hasContent("complete");
        assertThat(TestFiles.names(dir)).containsExactly("image");
    }

    @Test
    void aLockedFileIsNotCreatedWhereTheFilesystemGivesNoLock() throws IOException {
        disk.failLocks(path -> true);

        Throwable thrown = catchThrowable(() -> AtomicFile.create(dir.resolve("image"),
                AtomicFileOptions.builder().lockedWhileOpen().build()));

        assertThat(thrown).isExactlyInstanceOf(FileLockUnavailableException.class)
                .hasMessageStartingWith("the filesystem gives no working lock on " + dir.resolve(".image."))
                .hasMessageEndingWith(".part (" + FaultyFileChannel.ENOLCK + ")");
        assertThat(TestFiles.names(dir)).isEmpty();
    }

    private static void write(AtomicFile file, String content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            file.channel().write(buffer);
        }
    }
}
