package io.stowage.support;

import static io.stowage.support.AtomicFileTest.names;
import static io.stowage.support.AtomicFileTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Feature;
import com.google.common.jimfs.Jimfs;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exclusive publish: a hard link, or a check and a rename under the caller's lock; never a replaced file. */
class AtomicFileExclusiveTest {
    private static final int RACERS = 8;

    @TempDir
    Path dir;

    private FileSystem jimfs;

    @AfterEach
    void closeJimfs() throws IOException {
        if (jimfs != null) {
            jimfs.close();
        }
    }

    /** A lock in this JVM that counts how often it was taken and released. */
    private static final class CountingLock implements AtomicFile.PublishLock {
        private final ReentrantLock lock = new ReentrantLock();
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public Closeable acquire() {
            lock.lock();
            acquired.incrementAndGet();
            return () -> {
                released.incrementAndGet();
                lock.unlock();
            };
        }
    }

    private Path noHardLinksDir() throws IOException {
        jimfs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setSupportedFeatures(Feature.SYMBOLIC_LINKS, Feature.SECURE_DIRECTORY_STREAM, Feature.FILE_CHANNEL).build());
        return Files.createDirectories(jimfs.getPath("/data"));
    }

    @Test
    void withHardLinksThePublishIsALinkAndTakesNoLock() throws IOException {
        CountingLock lock = new CountingLock();
        Path target = dir.resolve("object");
        try (AtomicFile file = AtomicFile.create(target, exclusive(lock))) {
            write(file, "linked");
            file.publish();
        }
        assertThat(target).hasContent("linked");
        assertThat(names(dir)).as("the temp name is removed after the link").containsExactly("object");
        assertThat(lock.acquired).hasValue(0);
    }

    @Test
    void aTargetThatAppearedMeanwhileIsNeverReplaced() throws IOException {
        CountingLock lock = new CountingLock();
        Path target = dir.resolve("object");
        try (AtomicFile file = AtomicFile.create(target, exclusive(lock))) {
            write(file, "second");
            Files.writeString(target, "first");

            assertThatThrownBy(file::publish).isExactlyInstanceOf(FileAlreadyExistsException.class)
                    .hasMessage(target.toString());
            assertThat(file.published()).isFalse();
        }
        assertThat(target).hasContent("first");
        assertThat(names(dir)).containsExactly("object");
    }

    @Test
    void withoutHardLinksTheFileIsRenamedUnderTheLock() throws IOException {
        Path data = noHardLinksDir();
        CountingLock lock = new CountingLock();
        try (AtomicFile file = AtomicFile.create(data.resolve("object"), exclusive(lock))) {
            write(file, "renamed");
            file.publish();
        }
        assertThat(data.resolve("object")).hasContent("renamed");
        assertThat(names(data)).containsExactly("object");
        assertThat(lock.acquired).hasValue(1);
        assertThat(lock.released).hasValue(1);
    }

    @Test
    void withoutHardLinksATargetThatAppearedMeanwhileIsNeverReplaced() throws IOException {
        Path data = noHardLinksDir();
        CountingLock lock = new CountingLock();
        Path target = data.resolve("object");
        try (AtomicFile file = AtomicFile.create(target, exclusive(lock))) {
            write(file, "second");
            Files.writeString(target, "first");

            assertThatThrownBy(file::publish).isExactlyInstanceOf(FileAlreadyExistsException.class)
                    .hasMessage(target.toString());
        }
        assertThat(target).hasContent("first");
        assertThat(names(data)).containsExactly("object");
        assertThat(lock.released).hasValue(1);
    }

    /** The same object in another directory counts as taken; it is checked under the lock. */
    @Test
    void anOtherNameThatExistsFailsThePublish() throws IOException {
        Path elsewhere = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("object"), "in b");
        Path target = Files.createDirectories(dir.resolve("a")).resolve("object");
        CountingLock lock = new CountingLock();
        AtomicFileOptions options = AtomicFileOptions.builder().exclusive(lock, List.of(elsewhere)).build();
        try (AtomicFile file = AtomicFile.create(target, options)) {
            write(file, "in a");

            assertThatThrownBy(file::publish).isExactlyInstanceOf(FileAlreadyExistsException.class)
                    .hasMessage(elsewhere.toString());
        }
        assertThat(names(dir.resolve("a"))).isEmpty();
        assertThat(elsewhere).hasContent("in b");
        assertThat(lock.acquired).hasValue(1);
        assertThat(lock.released).hasValue(1);
    }

    @Test
    void aLockThatCannotBeTakenFailsThePublishAndChangesNothing() throws IOException {
        Path data = noHardLinksDir();
        AtomicFile.PublishLock interrupted = () -> {
            throw new InterruptedIOException("interrupted while waiting for the lock");
        };
        try (AtomicFile file = AtomicFile.create(data.resolve("object"), exclusive(interrupted))) {
            write(file, "waiting");

            assertThatThrownBy(file::publish).isExactlyInstanceOf(InterruptedIOException.class);
            assertThat(file.published()).isFalse();
        }
        assertThat(names(data)).isEmpty();
    }

    @Test
    void racingPublishersWithHardLinksHaveExactlyOneWinner() throws Exception {
        race(Files.createDirectories(dir.resolve("data")));
    }

    @Test
    void racingPublishersWithoutHardLinksHaveExactlyOneWinner() throws Exception {
        race(noHardLinksDir());
    }

    private static void race(Path data) throws Exception {
        Path target = data.resolve("object");
        CountingLock lock = new CountingLock();
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String content = "racer " + i;
                outcomes.add(racers.submit(() -> {
                    try (AtomicFile file = AtomicFile.create(target, exclusive(lock))) {
                        write(file, content);
                        file.force();
                        ready.countDown();
                        go.await();
                        file.publish();
                        return true;
                    } catch (FileAlreadyExistsException lost) {
                        return false;
                    }
                }));
            }
            assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                if (outcomes.get(i).get(60, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(target).hasContent("racer " + winners.get(0));
            assertThat(names(data)).containsExactly("object");
        } finally {
            racers.shutdownNow();
        }
    }

    private static AtomicFileOptions exclusive(AtomicFile.PublishLock lock) {
        return AtomicFileOptions.builder().exclusive(lock, List.of()).build();
    }
}
