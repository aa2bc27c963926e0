package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.stowage.AddOptions;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.download.DownloadHandler;
import io.stowage.tck.OpenFiles;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.Closeable;
import java.io.InterruptedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An interrupt of the calling thread, wherever it hits (the copy pipeline, a write or read on
 * the calling thread, the download handler's copy), is an {@link OperationInterruptedException}
 * with the interrupt status kept, and leaves nothing behind; and every other failure the file
 * handler meets is in the store's error family.
 */
class InterruptedOperationsTest {
    private static final long MiB = 1024 * 1024;

    @TempDir
    Path root;

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted(); // a failed assertion must not leave it set for the next test
    }

    /** Sizes that take the pipeline's writer thread (5 MiB), one buffer written on the calling thread, a small add. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {5 * MiB + 3, 900_000, 5000})
    void anInterruptedAddFailsAndLeavesNothing(long size) throws Exception {
        Path dir = root.resolve("data");
        try (Store store = new FileStoreProvider().create("local", FileStoreConfig.ofDirs(dir.toString()))) {
            ObjectId id = ObjectId.of("interrupted");
            Throwable thrown = catchThrowable(() -> store.add(id, Sources.actingAfter(Payload.of(size, 1).open(), size / 2,
                    () -> Thread.currentThread().interrupt()), AddOptions.defaults()));
            boolean interruptKept = Thread.interrupted();

            assertThat(thrown).isInstanceOf(OperationInterruptedException.class)
                    .hasMessageStartingWith("Adding object 'interrupted' to data dir " + dir + " of store 'local'")
                    .hasMessageEndingWith(" was interrupted");
            assertThat(interruptKept).as("the interrupt status").isTrue();
            assertThat(TestFiles.names(dir)).isEmpty();
            Payload again = Payload.of(size, 2);
            StoredObject stored = store.add(id, again.open(), AddOptions.defaults());
            try (ObjectStream stream = store.get(stored.location())) {
                assertThat(again.mismatch(stream)).isEmpty();
            }
        }
    }

    @Test
    void anInterruptedReadFailsAndKeepsTheInterrupt() throws Exception {
        Path dir = root.resolve("data");
        Payload payload = Payload.of(3 * MiB, 3);
        try (Store store = new FileStoreProvider().create("local", FileStoreConfig.ofDirs(dir.toString()))) {
            Location location = store.add(ObjectId.of("read"), payload.open(), AddOptions.defaults()).location();
            Throwable thrown;
            try (ObjectStream stream = store.get(location)) {
                stream.readNBytes(1000);
                Thread.currentThread().interrupt();
                thrown = catchThrowable(() -> stream.readNBytes(1000));
            }
            boolean interruptKept = Thread.interrupted();

            assertThat(thrown).isInstanceOf(OperationInterruptedException.class)
                    .hasMessage("Reading " + location + " was interrupted");
            assertThat(interruptKept).as("the interrupt status").isTrue();
            assertThat(OpenFiles.under(dir)).isEmpty();
            try (ObjectStream stream = store.get(location)) {
                assertThat(payload.mismatch(stream)).as("a read after the interrupt").isEmpty();
            }
        }
    }

    @Test
    void anInterruptedDownloadFailsAndKeepsTheInterrupt() throws Exception {
        Path mount = Files.createDirectories(root.resolve("mnt/images"));
        Files.write(mount.resolve("image"), Payload.of(2 * MiB, 4).bytes());
        Path target = Files.createFile(root.resolve("target"));
        DownloadHandler handler = new FileDownloadHandlerProvider().create(
                FileDownloadHandlerConfig.of(List.of(new FilesystemMount("nfs", mount.toString()))));
        Location location = Location.parse("file:///remote/images/image", Map.of("id", "nfs", "mountpoint", "/remote/images"));

        Thread.currentThread().interrupt();
        Throwable thrown = catchThrowable(() -> handler.download(location, target));
        boolean interruptKept = Thread.interrupted();

        assertThat(thrown).isInstanceOf(OperationInterruptedException.class)
                .hasMessage("Copying " + location + " from " + mount.resolve("image") + " to " + target + " was interrupted");
        assertThat(interruptKept).as("the interrupt status").isTrue();
        assertThat(OpenFiles.under(root)).isEmpty();
    }

    /** A name a Windows mount cannot hold ({@code *}) is a refused location, not an {@link IllegalArgumentException}. */
    @Test
    void aNameTheMountCannotHoldIsARefusedLocation() throws Exception {
        try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
            Files.createDirectories(windows.getPath("C:\\mnt\\images"));
            DownloadHandler handler = new FileDownloadHandlerProvider().create(
                    FileDownloadHandlerConfig.of(List.of(new FilesystemMount("nfs", "C:\\mnt\\images"))), windows);
            Location location = Location.parse("file:///remote/images/a*b", Map.of("id", "nfs", "mountpoint", "/remote/images"));

            Throwable thrown = catchThrowable(() -> handler.download(location, windows.getPath("C:\\target")));

            assertThat(thrown).isInstanceOf(InvalidLocationException.class)
                    .hasMessage("Location " + location + " is refused by the file download handler: 'a*b' is not a valid name"
                            + " on the filesystem of C:\\mnt\\images");
        }
    }

    /** An add waiting for the store lock (several dirs) that another add holds stops when interrupted. */
    @Test
    void anAddWaitingForTheStoreLockStopsWhenInterrupted() throws Exception {
        Path low = root.resolve("a");
        Path high = root.resolve("b");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Store store = new FileStoreProvider().create("two", FileStoreConfig.ofDirs(List.of(low + ":1", high + ":2")))) {
            Future<?> holder = threads.submit(() -> {
                try (Closeable lock = new StoreLock(low.toRealPath()).acquire()) {
                    held.countDown();
                    return release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("the holder was interrupted");
                }
            });
            assertThat(held.await(60, TimeUnit.SECONDS)).as("the lock is held").isTrue();
            AtomicReference<Thread> adderThread = new AtomicReference<>();
            Future<Throwable> add = threads.submit(() -> {
                adderThread.set(Thread.currentThread());
                Throwable thrown = catchThrowable(() -> store.add(ObjectId.of("waiting"), Payload.of(1000, 5).open(),
                        AddOptions.defaults()));
                return thrown != null && Thread.interrupted() ? thrown : new AssertionError("interrupt not kept", thrown);
            });
            awaitParkedOnALock(adderThread);
            adderThread.get().interrupt();

            assertThat(add.get(60, TimeUnit.SECONDS)).isInstanceOf(OperationInterruptedException.class)
                    .hasMessage("Adding object 'waiting' to data dir " + high + " of store 'two' was interrupted");
            assertThat(TestFiles.names(high)).isEmpty();
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
            assertThat(TestFiles.names(low)).containsExactly(StoreLock.FILE_NAME);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Waits (60 s at most) until the thread in {@code thread} is parked on a {@link java.util.concurrent.locks.ReentrantLock}. */
    private static void awaitParkedOnALock(AtomicReference<Thread> thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Thread t = thread.get();
            Object blocker = t == null ? null : LockSupport.getBlocker(t);
            if (blocker != null && blocker.getClass().getName().startsWith(ReentrantLock.class.getName())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the add never waited for the store lock");
            }
            Thread.onSpinWait();
        }
    }
}
