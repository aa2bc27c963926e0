package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replacing publish (the defaults), naming, creation options, and what every failure leaves. */
class AtomicFileTest {
    private static final String HEX16 = "[0-9a-f]{16}";

    @TempDir
    Path dir;

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted(); // a failed assertion must not leave it set for the next test
    }

    @Test
    void publishGivesTheTargetItsContentAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("image.raw");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "complete");

            assertThat(file.temp().getParent()).isEqualTo(dir);
            assertThat(file.temp().getFileName().toString()).matches("\\.image\\.raw\\." + HEX16 + "\\.part");
            assertThat(target).doesNotExist();
            assertThat(file.published()).isFalse();

            file.publish();

            assertThat(file.published()).isTrue();
            assertThat(file.channel().isOpen()).as("the channel after the publish").isFalse();
            assertThat(AtomicFile.isInUse(file.temp())).isFalse();
        }
        assertThat(target).hasContent("complete");
        assertThat(names(dir)).containsExactly("image.raw");
    }

    @Test
    void publishReplacesAnExistingTargetWhole() throws IOException {
        Path target = Files.writeString(dir.resolve("out"), "old content, longer than the new");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "new");

            assertThat(target).as("the target until the publish").hasContent("old content, longer than the new");
            file.publish();
        }
        assertThat(target).hasContent("new");
        assertThat(names(dir)).containsExactly("out");
    }

    @Test
    void closingWithoutPublishingRemovesTheTempFileAndLeavesTheTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("out"), "precious");
        Path temp;
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            temp = file.temp();
            write(file, "half of it");
            assertThat(AtomicFile.isInUse(temp)).isTrue();
        }
        assertThat(target).hasContent("precious");
        assertThat(names(dir)).containsExactly("out");
        assertThat(AtomicFile.isInUse(temp)).isFalse();
    }

    /** A write that fails (a full disk) is the writer's failure; closing leaves the target and no temp file. */
    @Test
    void aFailingWriteLeavesTheTargetAsItWasAndNoTempFile() throws IOException {
        Configuration small = Configuration.unix().toBuilder().setMaxSize(256 * 1024).setBlockSize(4096).build();
        try (FileSystem disk = Jimfs.newFileSystem(small)) {
            Path data = Files.createDirectories(disk.getPath("/data"));
            Path target = Files.writeString(data.resolve("out"), "precious");

            Throwable thrown;
            try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
                OutputStream out = Channels.newOutputStream(file.channel());
                thrown = catchThrowable(() -> {
                    for (int i = 0; i < 100; i++) {
                        out.write(new byte[4096]);
                    }
                });
            }

            assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("out of disk space");
            assertThat(target).hasContent("precious");
            assertThat(names(data)).containsExactly("out");
        }
    }

    /** A force that fails (here: its channel is gone) fails the publish before the name is given. */
    @Test
    void aFailingForceFailsThePublishAndLeavesTheTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("out"), "precious");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "never durable");
            file.channel().close();

            assertThatThrownBy(file::publish).isInstanceOf(IOException.class);
            assertThat(file.published()).isFalse();
        }
        assertThat(target).hasContent("precious");
        assertThat(names(dir)).containsExactly("out");
    }

    @Test
    void anInterruptedWriteLeavesNothingAndKeepsTheInterrupt() throws IOException {
        Path target = dir.resolve("out");
        Throwable thrown;
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            Thread.currentThread().interrupt();
            thrown = catchThrowable(() -> write(file, "interrupted"));
        }
        boolean interruptKept = Thread.interrupted();

        assertThat(thrown).isInstanceOf(ClosedByInterruptException.class);
        assertThat(interruptKept).as("the interrupt status").isTrue();
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void anInterruptBeforeThePublishStopsItAtTheForce() throws IOException {
        Path target = Files.writeString(dir.resolve("out"), "precious");
        Throwable thrown;
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "complete, but interrupted");
            Thread.currentThread().interrupt();
            thrown = catchThrowable(file::publish);
            assertThat(file.published()).isFalse();
        }
        boolean interruptKept = Thread.interrupted();

        assertThat(thrown).isInstanceOf(ClosedByInterruptException.class);
        assertThat(interruptKept).as("the interrupt status").isTrue();
        assertThat(target).hasContent("precious");
        assertThat(names(dir)).containsExactly("out");
    }

    /** A file forced already (a download verified meanwhile) publishes without another force. */
    @Test
    void aFileForcedOnceIsPublishedWithoutAnotherForce() throws IOException {
        Path target = dir.resolve("out");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "forced on another thread");
            Thread forcing = new Thread(() -> {
                try {
                    file.force();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            forcing.start();
            join(forcing);
            Thread.currentThread().interrupt(); // a force now would throw ClosedByInterruptException

            file.publish();

            assertThat(Thread.interrupted()).as("the interrupt, kept through the directory sync").isTrue();
        }
        assertThat(target).hasContent("forced on another thread");
    }

    @Test
    void truncateEmptiesTheFileForAnotherAttemptAndItIsForcedAgain() throws IOException {
        Path target = dir.resolve("out");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            write(file, "first attempt, longer");
            file.force();

            file.truncate();
            Files.writeString(file.temp(), "second", StandardOpenOption.WRITE);
            Thread.currentThread().interrupt();

            assertThatThrownBy(file::publish).as("the force the truncate made due again")
                    .isInstanceOf(ClosedByInterruptException.class);
            assertThat(Thread.interrupted()).isTrue();
            assertThat(file.temp()).hasContent("second");
        }
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void aTargetWithTheLongestNameKeeps200BytesOfItInTheTempName() throws IOException {
        String name = "\u00e9".repeat(127); // 254 bytes in UTF-8
        Path target = dir.resolve(name);
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.defaults())) {
            assertThat(file.temp().getFileName().toString()).matches("\\." + "\u00e9".repeat(100) + "\\." + HEX16 + "\\.part");
            write(file, "long");
            file.publish();
        }
        assertThat(target).hasContent("long");
        assertThat(TempFileCreation.leadingBytes("a\uD83D\uDE00b", 4)).as("a character is never split").isEqualTo("a");
        assertThat(TempFileCreation.leadingBytes("a\uD83D\uDE00b", 5)).isEqualTo("a\uD83D\uDE00");
    }

    @Test
    void aTempNameOfTheCallersShape() throws IOException {
        AtomicFileOptions options = AtomicFileOptions.builder().tempName(".obj~", ".stowage-tmp").build();
        try (AtomicFile file = AtomicFile.create(dir.resolve("obj"), options)) {
            assertThat(file.temp().getFileName().toString()).matches("\\.obj~" + HEX16 + "\\.stowage-tmp");
        }
        assertThatThrownBy(() -> AtomicFileOptions.builder().tempName("../", ".tmp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Not a file name part: prefix '../', suffix '.tmp'");
        assertThatThrownBy(() -> AtomicFileOptions.builder().tempName("", ".tmp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AtomicFile.create(dir.getRoot(), AtomicFileOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Not a file in a directory: " + dir.getRoot());
    }

    @Test
    void ownerOnlyKeepsTheFileToItsOwnerThroughThePublish() throws IOException {
        Path target = dir.resolve("private");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.builder().ownerOnly().build())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.temp()))).isEqualTo("rw-------");
            file.publish();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    /** The lock is held by the file's own channel: any other lock on it in this JVM overlaps, until the publish. */
    @Test
    void aLockedFileIsLockedAndListedUntilItIsPublished() throws IOException {
        Path target = dir.resolve("locked");
        try (AtomicFile file = AtomicFile.create(target, AtomicFileOptions.builder().lockedWhileOpen().build())) {
            assertThat(AtomicFile.isInUse(file.temp())).isTrue();
            try (FileChannel other = FileChannel.open(file.temp(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                assertThatThrownBy(other::tryLock).isInstanceOf(OverlappingFileLockException.class);
            }
            write(file, "locked");
            file.publish();
            assertThat(AtomicFile.isInUse(file.temp())).isFalse();
        }
        try (FileChannel published = FileChannel.open(target, StandardOpenOption.WRITE)) {
            assertThat(published.tryLock()).as("the lock after the publish").isNotNull();
        }
    }

    @Test
    void aFileIsPublishedOnce() throws IOException {
        try (AtomicFile file = AtomicFile.create(dir.resolve("once"), AtomicFileOptions.defaults())) {
            file.publish();

            assertThatThrownBy(file::publish).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Already published: " + dir.resolve("once"));
        }
        AtomicFile closed = AtomicFile.create(dir.resolve("closed"), AtomicFileOptions.defaults());
        closed.close();
        assertThatThrownBy(closed::publish).isInstanceOf(IllegalStateException.class)
                .hasMessage("Closed: " + dir.resolve("closed"));
        assertThat(names(dir)).containsExactly("once");
    }

    static void write(AtomicFile file, String content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            file.channel().write(buffer);
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
