package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Feature;
import com.google.common.jimfs.Jimfs;
import io.stowage.AddOptions;
import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the filesystem cannot give what keeps adds safe (a lock that works, a durable name),
 * the store fails closed: it refuses the add rather than go on unguarded, never removes a
 * temp file a live writer may hold, and never removes an object a reader may already have.
 */
class FailClosedFileStoreTest {
    @TempDir
    Path root;

    private FileSystem jimfs;

    @AfterEach
    void closeJimfs() throws IOException {
        if (jimfs != null) {
            jimfs.close();
        }
    }

    private FaultyFileSystem faultyJimfs(Configuration configuration) {
        jimfs = Jimfs.newFileSystem(configuration);
        return FaultyFileSystem.over(jimfs);
    }

    @Test
    void anAddWhoseTempFileCannotBeLockedIsRefused() throws Exception {
        FaultyFileSystem nfs = faultyJimfs(Configuration.unix());
        nfs.failLocks(path -> true);
        try (Store store = new FileStoreProvider().create("nfs", FileStoreConfig.ofDirs("/data"), nfs)) {
            assertThatThrownBy(() -> store.add(ObjectId.of("unguarded"), Payload.of(3000, 1).open(), AddOptions.defaults()))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Adding object 'unguarded' to data dir /data of store 'nfs' is refused: the"
                            + " filesystem gives no working lock on /data/.unguarded~")
                    .hasMessageEndingWith(".stowage-tmp (No locks available); without a lock on its temp file, a store"
                            + " opening the dir in another process could remove the file while it is written");

            assertThat(TestFiles.names(nfs.getPath("/data"))).isEmpty();
        }
    }

    @Test
    void aPublishWithoutHardLinksIsRefusedWhenTheStoreLockFails() throws Exception {
        FaultyFileSystem noLinks = faultyJimfs(Configuration.unix().toBuilder()
                .setSupportedFeatures(Feature.SYMBOLIC_LINKS, Feature.SECURE_DIRECTORY_STREAM, Feature.FILE_CHANNEL).build());
        noLinks.failLocks(path -> path.getFileName().toString().equals(StoreLock.FILE_NAME));
        try (Store store = new FileStoreProvider().create("fat", FileStoreConfig.ofDirs("/data"), noLinks)) {
            assertThatThrownBy(() -> store.add(ObjectId.of("racy"), Payload.of(3000, 2).open(), AddOptions.defaults()))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessage("Adding object 'racy' to data dir /data of store 'fat' is refused: the filesystem gives no"
                            + " working lock on /data/.stowage~lock (No locks available); publishing into it needs the"
                            + " store lock, without which an add of the same id in another process could pass the same"
                            + " check and one object replace the other");

            assertThat(TestFiles.names(noLinks.getPath("/data"))).containsExactly(StoreLock.FILE_NAME);
        }
    }

    @Test
    void aPublishIntoOneOfSeveralDirsIsRefusedWhenTheStoreLockFails() throws Exception {
        FaultyFileSystem nfs = faultyJimfs(Configuration.unix());
        nfs.failLocks(path -> path.getFileName().toString().equals(StoreLock.FILE_NAME));
        try (Store store = new FileStoreProvider().create("two", FileStoreConfig.ofDirs(List.of("/a:1", "/b:2")),
                nfs)) {
            assertThatThrownBy(() -> store.add(ObjectId.of("twice"), Payload.of(3000, 3).open(), AddOptions.defaults()))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Adding object 'twice' to data dir /b of store 'two' is refused: the filesystem"
                            + " gives no working lock on /a/.stowage~lock (No locks available)");

            assertThat(TestFiles.names(nfs.getPath("/a"))).containsExactly(StoreLock.FILE_NAME);
            assertThat(TestFiles.names(nfs.getPath("/b"))).isEmpty();
        }
    }

    /**
     * A store opening the dir from another process (another filesystem instance: the temp file
     * is not listed as in flight there) on a mount whose locks fail with ENOLCK cannot tell the
     * live writer's temp file from a dead one's, and must keep it.
     */
    @Test
    void aSweepThatCannotLockKeepsTheTempFileOfALiveAdd() throws Exception {
        jimfs = Jimfs.newFileSystem(Configuration.unix());
        Payload payload = Payload.of(3 * 1024 * 1024 + 5, 4);
        BlockingSource source = new BlockingSource(payload.open(), 1024 * 1024);
        ExecutorService adder = Executors.newSingleThreadExecutor();
        try (Store writing = new FileStoreProvider().create("writing", FileStoreConfig.ofDirs("/data"), jimfs)) {
            Future<StoredObject> add = adder.submit(() -> writing.add(ObjectId.of("live"), source, AddOptions.defaults()));
            source.awaitPaused();
            List<String> during = TestFiles.names(jimfs.getPath("/data"));
            assertThat(during).singleElement().satisfies(name -> assertThat(TempFile.isTempName(name)).isTrue());

            FaultyFileSystem otherProcess = FaultyFileSystem.over(jimfs);
            otherProcess.failLocks(path -> true);
            try (Store opening = new FileStoreProvider().create("opening", FileStoreConfig.ofDirs("/data"), otherProcess)) {
                assertThat(TestFiles.names(jimfs.getPath("/data"))).as("the dir after the other store opened")
                        .isEqualTo(during);
                source.resume();
                StoredObject stored = add.get(60, TimeUnit.SECONDS);

                try (ObjectStream stream = opening.get(stored.location())) {
                    assertThat(payload.mismatch(stream)).isEmpty();
                }
                assertThat(TestFiles.names(jimfs.getPath("/data"))).containsExactly("live");
            }
        } finally {
            source.resume();
            adder.shutdownNow();
        }
    }

    /**
     * The object is visible from its publish on; a reader that got it while the add was still
     * syncing the dir must find it there afterwards, even though the sync failed and the add
     * reports it.
     */
    @Test
    void aFailedDirectorySyncKeepsTheObjectAReaderAlreadyHas() throws Exception {
        Path dir = root.resolve("data");
        FaultyFileSystem disk = FaultyFileSystem.over(FileSystems.getDefault());
        Payload payload = Payload.of(200_000, 5);
        Location location = Location.parse("file://" + dir + "/seen");
        AtomicReference<String> readerSaw = new AtomicReference<>();
        AtomicBoolean failed = new AtomicBoolean();
        try (Store writing = new FileStoreProvider().create("writing", FileStoreConfig.ofDirs(dir.toString()), disk);
                Store reading = new FileStoreProvider().create("reading", FileStoreConfig.ofDirs(dir.toString()))) {
            disk.onDirectorySync(syncing -> {
                if (failed.compareAndSet(false, true)) {
                    try (ObjectStream stream = reading.get(location)) {
                        readerSaw.set(payload.mismatch(stream).orElse("all of it"));
                    }
                    throw new IOException("Input/output error");
                }
            });

            assertThatThrownBy(() -> writing.add(ObjectId.of("seen"), payload.open(), AddOptions.defaults()))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessage("Adding object 'seen' to data dir " + dir + " of store 'writing' failed after the object was"
                            + " published: syncing the data dir failed (java.io.IOException: Input/output error), so the"
                            + " object may not survive a crash. It is readable and stays until deleted: " + location);

            assertThat(readerSaw).hasValue("all of it");
            try (ObjectStream stream = reading.get(location)) {
                assertThat(payload.mismatch(stream)).as("the object after the failed add").isEmpty();
            }
            assertThat(TestFiles.names(dir)).containsExactly("seen");
        }
    }

    /** The add has committed once it published: an interrupt during the dir sync lets it finish, and is kept. */
    @Test
    void anInterruptDuringTheDirectorySyncLetsThePublishedAddFinish() throws Exception {
        Path dir = root.resolve("data");
        FaultyFileSystem disk = FaultyFileSystem.over(FileSystems.getDefault());
        AtomicBoolean interrupted = new AtomicBoolean();
        disk.onDirectorySync(syncing -> {
            if (interrupted.compareAndSet(false, true)) {
                Thread.currentThread().interrupt();
            }
        });
        Payload payload = Payload.of(70_000, 6);
        try (Store store = new FileStoreProvider().create("local", FileStoreConfig.ofDirs(dir.toString()), disk)) {
            StoredObject stored;
            try {
                stored = store.add(ObjectId.of("committed"), payload.open(), AddOptions.defaults());
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            }

            assertThat(interrupted).isTrue();
            try (ObjectStream stream = store.get(stored.location())) {
                assertThat(payload.mismatch(stream)).isEmpty();
            }
        }
    }

    /** A dir whose listing fails cannot be probed nor swept: opening fails with a configuration error, not an unchecked one. */
    @Test
    void aDirThatCannotBeListedRefusesToOpen() throws Exception {
        FaultyFileSystem disk = faultyJimfs(Configuration.unix());
        disk.failListings(dir -> true);

        assertThatThrownBy(() -> new FileStoreProvider().create("unlistable", FileStoreConfig.ofDirs("/data"), disk))
                .isExactlyInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'unlistable', key 'dirs[0]': cannot tell whether the data dir"
                        + " /data tells names apart by case: java.io.IOException: Input/output error");
    }
}
