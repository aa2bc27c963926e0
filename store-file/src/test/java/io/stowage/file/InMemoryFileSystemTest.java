package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.stowage.AddOptions;
import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.StorageFullException;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import io.stowage.tck.source.TrackedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store on Jimfs: storage full (a size-limited disk), permissions without POSIX, a Windows-style filesystem. */
class InMemoryFileSystemTest {
    private static final long MiB = 1024 * 1024;

    private FileSystem fileSystem;

    @AfterEach
    void closeFileSystem() throws Exception {
        if (fileSystem != null) {
            fileSystem.close();
        }
    }

    private Store openLimited(long maxSize) throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(maxSize).build());
        return new FileStoreProvider().create("small", FileStoreConfig.ofDirs("/data"), fileSystem);
    }

    private long unallocated() throws Exception {
        return Files.getFileStore(fileSystem.getPath("/data")).getUnallocatedSpace();
    }

    @Test
    void runningOutOfSpaceMidStreamIsStorageFullAndLeavesNothing() throws Exception {
        try (Store store = openLimited(8 * MiB)) {
            long free = unallocated();
            ObjectId id = ObjectId.of("too-big");

            assertThatThrownBy(() -> store.add(id, Payload.of(16 * MiB, 3).open(), AddOptions.defaults()))
                    .isInstanceOf(StorageFullException.class)
                    .hasMessageContaining("'too-big'")
                    .hasMessageContaining("no space left in /data");

            assertThat(TestFiles.names(fileSystem.getPath("/data"))).isEmpty();
            assertThat(unallocated()).isEqualTo(free);
            Payload fits = Payload.of(3 * MiB, 4);
            StoredObject stored = store.add(id, fits.open(), AddOptions.defaults());
            try (ObjectStream stream = store.get(stored.location())) {
                assertThat(fits.mismatch(stream)).isEmpty();
            }
        }
    }

    @Test
    void aSmallObjectThatDoesNotFitIsStorageFullToo() throws Exception {
        try (Store store = openLimited(4 * MiB)) {
            store.add(ObjectId.of("filler"), Payload.of(4 * MiB - 16 * 1024, 5).open(), AddOptions.defaults());

            assertThatThrownBy(() -> store.add(ObjectId.of("small"), Payload.of(100_000, 6).open(), AddOptions.defaults()))
                    .isInstanceOf(StorageFullException.class);

            assertThat(TestFiles.names(fileSystem.getPath("/data"))).containsExactly("filler");
        }
    }

    @Test
    void aDeclaredSizeWithoutRoomFailsBeforeReading() throws Exception {
        try (Store store = openLimited(8 * MiB)) {
            TrackedInputStream source = Sources.tracked(Payload.of(9 * MiB, 7).open());

            assertThatThrownBy(() -> store.add(ObjectId.of("declared"), source,
                    AddOptions.builder().expectedSize(9 * MiB).build()))
                    .isInstanceOf(StorageFullException.class)
                    .hasMessageStartingWith("No data dir of store 'small' has room for object 'declared' (9437184 bytes; free: /data ");

            assertThat(source.bytesRead()).isZero();
            assertThat(TestFiles.names(fileSystem.getPath("/data"))).isEmpty();
        }
    }

    @Test
    void spaceFreedByADeleteIsUsedAgain() throws Exception {
        try (Store store = openLimited(4 * MiB)) {
            Path data = fileSystem.getPath("/data");
            List<StoredObject> fillers = new java.util.ArrayList<>();
            Throwable full = null;
            for (int i = 0; i < 10 && full == null; i++) {
                try {
                    fillers.add(store.add(ObjectId.of("filler-" + i), Payload.of(MiB - 1000, i).open(), AddOptions.defaults()));
                } catch (StorageFullException e) {
                    full = e;
                }
            }
            assertThat(full).as("the disk filled up").isInstanceOf(StorageFullException.class);
            long free = unallocated();
            List<String> names = TestFiles.names(data);
            assertThat(names).as("only whole objects, no temp file").hasSize(fillers.size()).noneMatch(TempFile::isTempName);

            Payload next = Payload.of(MiB - 1000, 99);
            assertThatThrownBy(() -> store.add(ObjectId.of("next"), next.open(), AddOptions.defaults()))
                    .isInstanceOf(StorageFullException.class);
            assertThat(TestFiles.names(data)).isEqualTo(names);
            assertThat(unallocated()).isEqualTo(free);

            store.delete(fillers.get(0).location());
            StoredObject stored = store.add(ObjectId.of("next"), next.open(), AddOptions.defaults());
            try (ObjectStream stream = store.get(stored.location())) {
                assertThat(next.mismatch(stream)).isEmpty();
            }
            for (StoredObject filler : fillers.subList(1, fillers.size())) {
                try (ObjectStream stream = store.get(filler.location())) {
                    assertThat(Payload.of(MiB - 1000, fillers.indexOf(filler)).mismatch(stream)).as("%s", filler.id()).isEmpty();
                }
            }
        }
    }

    /**
     * Random adds (declared size or not, up to half the disk) and deletes on a small disk: an
     * add either stores its whole object or fails with storage-full leaving the dir and the free
     * space exactly as they were; at the end, with everything deleted, all the space is back.
     */
    @Test
    void aFullDiskNeverKeepsPartsOfFailedAdds() throws Exception {
        long seed = new java.util.Random().nextLong();
        java.util.Random random = new java.util.Random(seed);
        try (Store store = openLimited(6 * MiB)) {
            Path data = fileSystem.getPath("/data");
            long empty = unallocated();
            java.util.Map<String, Payload> stored = new java.util.TreeMap<>();
            java.util.Map<String, Location> locations = new java.util.HashMap<>();
            int full = 0;
            for (int step = 0; step < 120; step++) {
                String what = "step " + step + " of seed " + seed;
                if (!stored.isEmpty() && random.nextInt(3) == 0) {
                    String id = new java.util.ArrayList<>(stored.keySet()).get(random.nextInt(stored.size()));
                    store.delete(locations.remove(id));
                    stored.remove(id);
                } else {
                    String id = "o" + step;
                    Payload payload = Payload.of(random.nextInt((int) (3 * MiB)), random.nextLong());
                    AddOptions options = random.nextBoolean() ? AddOptions.defaults()
                            : AddOptions.builder().expectedSize(payload.size()).build();
                    long free = unallocated();
                    List<String> before = TestFiles.names(data);
                    try {
                        locations.put(id, store.add(ObjectId.of(id), payload.open(), options).location());
                        stored.put(id, payload);
                    } catch (StorageFullException e) {
                        full++;
                        assertThat(TestFiles.names(data)).as("%s: the dir after a storage-full add", what).isEqualTo(before);
                        assertThat(unallocated()).as("%s: free space after a storage-full add", what).isEqualTo(free);
                    }
                }
                assertThat(TestFiles.names(data)).as("%s: the dir", what).containsExactlyElementsOf(stored.keySet());
            }
            assertThat(full).as("storage-full adds (seed %d)", seed).isPositive();
            for (java.util.Map.Entry<String, Payload> entry : stored.entrySet()) {
                try (ObjectStream stream = store.get(locations.get(entry.getKey()))) {
                    assertThat(entry.getValue().mismatch(stream)).as("%s (seed %d)", entry.getKey(), seed).isEmpty();
                }
                store.delete(locations.get(entry.getKey()));
            }
            assertThat(TestFiles.names(data)).isEmpty();
            assertThat(unallocated()).as("free space with everything deleted (seed %d)", seed).isEqualTo(empty);
        }
    }

    /**
     * Two data dirs on one full disk (Jimfs has one file store, so both see the same free
     * space): objects go to the higher priority while there is room, a declared size that fits
     * nowhere is refused before a byte is read naming every dir's free space, and once space is
     * freed the higher priority takes objects again.
     */
    @Test
    void severalDirsOnAFullDiskFollowPriorityAndFreeSpace() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(4 * MiB).build());
        try (Store store = new FileStoreProvider().create("two", FileStoreConfig.ofDirs(List.of("/low:1", "/high:2")), fileSystem)) {
            Path high = fileSystem.getPath("/high");
            Path low = fileSystem.getPath("/low");
            StoredObject first = store.add(ObjectId.of("first"), Payload.of(2 * MiB, 1).open(), AddOptions.defaults());
            assertThat(first.location().url()).isEqualTo("file:///high/first");

            TrackedInputStream tooBig = Sources.tracked(Payload.of(3 * MiB, 2).open());
            assertThatThrownBy(() -> store.add(ObjectId.of("big"), tooBig, AddOptions.builder().expectedSize(3 * MiB).build()))
                    .isInstanceOf(StorageFullException.class)
                    .hasMessageStartingWith("No data dir of store 'two' has room for object 'big' (3145728 bytes; free: /low ")
                    .hasMessageContaining(", /high ");
            assertThat(tooBig.bytesRead()).isZero();

            assertThatThrownBy(() -> store.add(ObjectId.of("big"), Payload.of(3 * MiB, 2).open(), AddOptions.defaults()))
                    .isInstanceOf(StorageFullException.class);
            assertThat(TestFiles.names(high)).as("the store lock lives in the first dir by path").containsExactly(
                    StoreLock.FILE_NAME, "first");
            assertThat(TestFiles.names(low)).isEmpty();

            store.delete(first.location());
            StoredObject big = store.add(ObjectId.of("big"), Payload.of(3 * MiB, 2).open(), AddOptions.defaults());
            assertThat(big.location().url()).isEqualTo("file:///high/big");
        }
    }

    @Test
    void permissionsNeedAPosixFilesystem() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.unix());
        FileStoreConfig config = FileStoreConfig.ofDirs("/data").withFilePermissions("rw-------");

        assertThatThrownBy(() -> new FileStoreProvider().create("strict", config, fileSystem))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'strict', key 'filePermissions': the data dir /data is on a"
                        + " filesystem without POSIX permissions");
    }

    @Test
    void setsPermissionsOnAnyPosixFilesystem() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix").build());
        try (Store store = new FileStoreProvider().create("posix", FileStoreConfig.ofDirs("/data").withFilePermissions("0604"),
                fileSystem)) {
            store.add(ObjectId.of("p"), new ByteArrayInputStream(new byte[3]), AddOptions.defaults());

            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(fileSystem.getPath("/data/p")))).isEqualTo("rw----r--");
        }
    }

    @Test
    void worksOnAWindowsStyleFilesystem() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.windows());
        try (Store store = new FileStoreProvider().create("win", FileStoreConfig.ofDirs("C:\\images", "C:\\spill:-1"),
                fileSystem)) {
            Payload payload = Payload.of(2 * MiB + 3, 8);

            StoredObject stored = store.add(ObjectId.of("w"), payload.open(), AddOptions.defaults());

            assertThat(stored.location().url()).isEqualTo("file:///C:/images/w");
            Path file = fileSystem.getPath("C:\\images\\w");
            assertThat(Files.size(file)).isEqualTo(payload.size());
            try (ObjectStream stream = store.get(Location.parse("file:///C:/images/w"))) {
                assertThat(payload.mismatch(stream)).isEmpty();
            }
            store.delete(stored.location());
            assertThatThrownBy(() -> store.size(stored.location())).isInstanceOf(ObjectNotFoundException.class);
            assertThat(TestFiles.names(fileSystem.getPath("C:\\images"))).isEqualTo(List.of(StoreLock.FILE_NAME));
        }
    }
}
