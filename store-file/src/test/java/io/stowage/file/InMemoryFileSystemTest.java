package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.stowage.AddOptions;
import io.stowage.ConfigurationException;
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
    void permissionsNeedAPosixFilesystem() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.unix());
        FileStoreConfig config = FileStoreConfig.ofDirs("/data").withFilePermissions("rw-------");

        assertThatThrownBy(() -> new FileStoreProvider().create("strict", config, fileSystem))
                .isInstanceOf(ConfigurationException.class)
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
