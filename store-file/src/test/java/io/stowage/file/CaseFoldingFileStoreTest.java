package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.stowage.AddOptions;
import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store on filesystems that fold case (Jimfs's macOS and Windows configurations): ids that
 * differ only in case and Windows device names are all stored, under escaped names; on a
 * case-sensitive filesystem the layout stays Glance's.
 */
class CaseFoldingFileStoreTest {
    private static final List<String> IDS = List.of("Image", "image", "IMAGE", "CON", "con", "nul.txt", "a.", "a",
            "0b8c5d6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e");

    private FileSystem fileSystem;

    @AfterEach
    void closeFileSystem() throws Exception {
        fileSystem.close();
    }

    @Test
    void macOsKeepsIdsThatDifferInCaseAndDeviceNamesApart() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.osX());
        storesEveryIdApart("/data", "file:///data/");
    }

    @Test
    void windowsKeepsIdsThatDifferInCaseAndDeviceNamesApart() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.windows());
        storesEveryIdApart("C:\\data", "file:///C:/data/");
    }

    private void storesEveryIdApart(String dir, String locationPrefix) throws Exception {
        try (Store store = new FileStoreProvider().create("folding", FileStoreConfig.ofDirs(dir), fileSystem)) {
            Map<String, Payload> payloads = new LinkedHashMap<>();
            Map<String, StoredObject> stored = new LinkedHashMap<>();
            for (int i = 0; i < IDS.size(); i++) {
                Payload payload = Payload.of(1000 + i, i);
                payloads.put(IDS.get(i), payload);
                stored.put(IDS.get(i), store.add(ObjectId.of(IDS.get(i)), payload.open(), AddOptions.defaults()));
            }

            assertThat(TestFiles.names(fileSystem.getPath(dir))).containsExactly("0b8c5d6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e",
                    "_c_o_n", "_i_m_a_g_e", "_image", "a", "a~2e", "co~6e", "image", "nu~6c.txt");
            assertThat(stored.get("Image").location().url()).isEqualTo(locationPrefix + "_image");
            assertThat(stored.get("0b8c5d6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e").location().url())
                    .as("Glance's ids keep Glance's layout").isEqualTo(locationPrefix + "0b8c5d6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e");
            for (String id : IDS) {
                Location reparsed = Location.parse(stored.get(id).location().url());
                try (ObjectStream stream = store.get(reparsed)) {
                    assertThat(payloads.get(id).mismatch(stream)).as("%s", id).isEmpty();
                }
            }
            for (String id : IDS) {
                store.delete(stored.get(id).location());
            }
            assertThat(TestFiles.names(fileSystem.getPath(dir))).isEmpty();
        }
    }

    /** Another spelling of an object's name finds its file on a case-folding filesystem, but is no location of it. */
    @Test
    void aLocationSpellingAnObjectInAnotherCaseIsRefused() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.osX());
        try (Store store = new FileStoreProvider().create("folding", FileStoreConfig.ofDirs("/data"), fileSystem)) {
            store.add(ObjectId.of("image"), Payload.of(10, 1).open(), AddOptions.defaults());

            for (String other : List.of("file:///data/IMAGE", "file:///data/Image", "file:///data/Imag_e", "file:///data/im~61ge")) {
                Location location = Location.parse(other);
                assertThat(store.owns(location)).as(other).isFalse();
                assertThatThrownBy(() -> store.get(location).close()).as(other).isInstanceOf(InvalidLocationException.class);
                assertThatThrownBy(() -> store.delete(location)).as(other).isInstanceOf(InvalidLocationException.class);
            }
            Location upperCaseId = Location.parse("file:///data/_image");
            assertThat(store.owns(upperCaseId)).as("the location of id 'Image'").isTrue();
            assertThatThrownBy(() -> store.get(upperCaseId).close()).isInstanceOf(ObjectNotFoundException.class);
            assertThat(TestFiles.names(fileSystem.getPath("/data"))).containsExactly("image");
        }
    }

    @Test
    void anIdWhoseEscapedNameIsTooLongIsRefusedBeforeAnythingIsWritten() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.osX());
        try (Store store = new FileStoreProvider().create("folding", FileStoreConfig.ofDirs("/data"), fileSystem)) {
            ObjectId id = ObjectId.of("A".repeat(128));

            assertThatThrownBy(() -> store.add(id, Payload.of(10, 1).open(), AddOptions.defaults()))
                    .isInstanceOf(InvalidIdException.class)
                    .hasMessage("Object id '" + id + "' is refused by store 'folding': data dir /data escapes upper-case"
                            + " letters and '_' in file names (its filesystem folds case), so the object's file name would"
                            + " have 256 characters, more than the 255 a file name may have");
            assertThat(TestFiles.names(fileSystem.getPath("/data"))).isEmpty();
            store.add(ObjectId.of("A".repeat(127)), Payload.of(10, 1).open(), AddOptions.defaults());
        }
    }

    @Test
    void aCaseSensitiveFilesystemKeepsGlancesLayout() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.unix());
        try (Store store = new FileStoreProvider().create("sensitive", FileStoreConfig.ofDirs("/data"), fileSystem)) {
            for (String id : List.of("Image", "image", "CON", "a.", "a_b")) {
                store.add(ObjectId.of(id), Payload.of(10, 1).open(), AddOptions.defaults());
            }

            assertThat(TestFiles.names(fileSystem.getPath("/data"))).containsExactly("CON", "Image", "a.", "a_b", "image");
        }
    }

    /** The probe asks an entry already in the dir: opening a store over a dir with objects writes nothing there. */
    @Test
    void openingOverADirWithObjectsWritesNothing() throws Exception {
        fileSystem = Jimfs.newFileSystem(Configuration.osX());
        Path dir = Files.createDirectories(fileSystem.getPath("/data"));
        Files.writeString(dir.resolve("glance-image"), "bytes");
        FileTime modified = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(dir, modified);

        try (Store store = new FileStoreProvider().create("folding", FileStoreConfig.ofDirs("/data"), fileSystem)) {
            assertThat(Files.getLastModifiedTime(dir)).isEqualTo(modified);
            assertThat(TestFiles.names(dir)).containsExactly("glance-image");
            try (ObjectStream stream = store.get(Location.parse("file:///data/glance-image"))) {
                assertThat(new String(stream.readAllBytes())).isEqualTo("bytes");
            }
        }
    }
}
