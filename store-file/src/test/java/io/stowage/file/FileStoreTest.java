package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.ContractEnforcingStore;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store on real temp dirs: layout, Glance compatibility, dirs and priorities, confinement, permissions. */
class FileStoreTest {
    @TempDir
    Path root;

    private final List<Store> stores = new ArrayList<>();

    @AfterEach
    void closeStores() throws IOException {
        for (Store store : stores) {
            store.close();
        }
    }

    private Store open(FileStoreConfig config) throws StoreException {
        Store store = new FileStoreProvider().create("local", config);
        stores.add(store);
        return store;
    }

    private Store open(Path... dirs) throws StoreException {
        return open(FileStoreConfig.ofDirs(List.of(dirs).stream().map(Path::toString).toList()));
    }

    private static Location location(String text) throws InvalidLocationException {
        return Location.parse(text);
    }

    private static byte[] read(Store store, Location location) throws IOException {
        try (ObjectStream stream = store.get(location)) {
            return stream.readAllBytes();
        }
    }

    // ---------------------------------------------------------------- layout and Glance compatibility

    @Test
    void storesObjectsAsDirSlashIdWithGlanceLocations() throws Exception {
        Path dir = root.resolve("images");
        Store store = open(dir);
        byte[] data = "glance image bytes".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = store.add(ObjectId.of("0b8c5d6e-image"), new ByteArrayInputStream(data), AddOptions.defaults());

        assertThat(stored.location().url()).isEqualTo("file://" + dir + "/0b8c5d6e-image");
        assertThat(stored.location().metadata()).isEmpty();
        assertThat(TestFiles.names(dir)).containsExactly("0b8c5d6e-image");
        assertThat(Files.readAllBytes(dir.resolve("0b8c5d6e-image"))).isEqualTo(data);
        assertThat(read(store, stored.location())).isEqualTo(data);
    }

    @Test
    void servesAnExistingGlanceDataDir() throws Exception {
        Path dir = Files.createDirectories(root.resolve("glance/images"));
        Files.writeString(dir.resolve("6f1a2b3c"), "written by glance");
        Store store = open(dir);

        for (String text : List.of("file://" + dir + "/6f1a2b3c", "file://localhost" + dir + "/6f1a2b3c",
                "file:" + dir + "/6f1a2b3c", "FILE://" + dir + "//6f1a2b3c")) {
            Location location = location(text);
            assertThat(store.owns(location)).as(text).isTrue();
            assertThat(store.size(location)).as(text).isEqualTo(17);
            assertThat(new String(read(store, location), StandardCharsets.UTF_8)).isEqualTo("written by glance");
        }
        try (ObjectStream range = store.get(location("file://" + dir + "/6f1a2b3c"), ByteRange.of(11, 100))) {
            assertThat(range.length()).isEqualTo(6);
            assertThat(new String(range.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("glance");
        }

        store.delete(location("file://" + dir + "/6f1a2b3c"));

        assertThat(TestFiles.names(dir)).isEmpty();
    }

    @Test
    void encodesDataDirsWithUnusualNames() throws Exception {
        Path dir = root.resolve("data dir #1 ü");
        Store store = open(dir);

        StoredObject stored = store.add(ObjectId.of("x"), new ByteArrayInputStream(new byte[] {7}), AddOptions.defaults());

        assertThat(stored.location().url()).endsWith("/data%20dir%20%231%20%C3%BC/x");
        Location reparsed = location(stored.location().url());
        assertThat(store.owns(reparsed)).isTrue();
        assertThat(read(store, reparsed)).containsExactly(7);
        assertThat(Files.readAllBytes(dir.resolve("x"))).containsExactly(7);
    }

    @Test
    void acceptsLocationsNamingTheRealPathOfASymlinkedDataDir() throws Exception {
        Path real = Files.createDirectories(root.resolve("srv/images"));
        Path configured = Files.createSymbolicLink(root.resolve("images"), real);
        Store store = open(configured);

        StoredObject stored = store.add(ObjectId.of("obj"), new ByteArrayInputStream(new byte[] {1, 2}), AddOptions.defaults());

        assertThat(stored.location().url()).isEqualTo("file://" + configured + "/obj");
        assertThat(read(store, location("file://" + real.toRealPath() + "/obj"))).containsExactly(1, 2);
    }

    @Test
    void createsMissingDirsAndRefusesUnusableOnes() throws Exception {
        Path nested = root.resolve("a/b/c");
        open(nested);
        assertThat(nested).isDirectory();

        Path file = Files.writeString(root.resolve("plain-file"), "x");
        assertThatThrownBy(() -> open(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'local'")
                .hasMessageContaining("dirs[0]");
        assertThatThrownBy(() -> open(root.resolve("one"), root.resolve("one/inner")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must not nest");
        assertThatThrownBy(() -> open(root.resolve("same"), root.resolve("other/../same")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs[1]")
                .hasMessageContaining("same directory");
    }

    // ---------------------------------------------------------------- several dirs

    @Test
    void theHighestPriorityDirGetsTheObjects() throws Exception {
        Path low = root.resolve("low");
        Path high = root.resolve("high");
        Store store = open(FileStoreConfig.ofDirs(List.of(low + ":100", high + ":200")));

        StoredObject stored = store.add(ObjectId.of("p"), new ByteArrayInputStream(new byte[10]), AddOptions.defaults());

        assertThat(stored.location().url()).isEqualTo("file://" + high + "/p");
        assertThat(TestFiles.names(low)).isEmpty();
        // with several dirs, publishing runs under the store lock, whose file sits in the dir first by path
        assertThat(TestFiles.names(high)).containsExactly(StoreLock.FILE_NAME, "p");
    }

    @Test
    void anIdInAnyDirIsTaken() throws Exception {
        Path low = root.resolve("low");
        Path high = root.resolve("high");
        Files.createDirectories(low);
        Files.writeString(low.resolve("dup"), "original");
        Store store = open(FileStoreConfig.ofDirs(List.of(low + ":1", high + ":2")));

        assertThatThrownBy(() -> store.add(ObjectId.of("dup"), new ByteArrayInputStream(new byte[5]), AddOptions.defaults()))
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining("'dup'");

        assertThat(TestFiles.names(high)).isEmpty();
        assertThat(Files.readString(low.resolve("dup"))).isEqualTo("original");
    }

    /**
     * A symlink leading nowhere takes the name too: the early check (which follows links) sees no
     * object, so the exclusive publish refuses the add, in the same dir ({@code link(2)} fails on
     * the taken name) as in another ({@code lstat} under the store lock); the link stays, no temp
     * file is left.
     */
    @Test
    void aNameHeldByASymlinkLeadingNowhereIsTakenToo() throws Exception {
        Path dir = root.resolve("data");
        Path low = root.resolve("low");
        Path high = root.resolve("high");
        Files.createDirectories(dir);
        Files.createDirectories(low);
        Path nowhere = root.resolve("nothing-here");
        Files.createSymbolicLink(dir.resolve("dangling"), nowhere);
        Files.createSymbolicLink(low.resolve("dangling"), nowhere);
        Store single = open(dir);
        Store twoDirs = open(FileStoreConfig.ofDirs(List.of(low + ":1", high + ":2")));

        for (Store store : List.of(single, twoDirs)) {
            assertThatThrownBy(() -> store.add(ObjectId.of("dangling"), new ByteArrayInputStream(new byte[5]),
                    AddOptions.defaults()))
                    .isInstanceOf(ObjectAlreadyExistsException.class)
                    .hasMessageContaining("'dangling'");
        }

        assertThat(TestFiles.names(dir)).containsExactly("dangling");
        assertThat(TestFiles.names(low)).containsExactly("dangling");
        assertThat(TestFiles.names(high)).as("no object, no temp file").allMatch(StoreLock.FILE_NAME::equals);
        assertThat(Files.readSymbolicLink(dir.resolve("dangling"))).isEqualTo(nowhere);
        assertThat(Files.readSymbolicLink(low.resolve("dangling"))).isEqualTo(nowhere);
    }

    /** The store's own entries win over the add's metadata of the same keys, which the contract decorator merges in. */
    @Test
    void putsTheFilesystemOfTheDirIntoTheLocationMetadata() throws Exception {
        Path shared = root.resolve("nfs");
        Path local = root.resolve("local");
        Store store = ContractEnforcingStore.wrap(open(FileStoreConfig.ofDirs(shared.resolve("images") + ":2", local + ":1")
                .withFilesystems(List.of(new FilesystemMount("broad", root.toString()),
                        new FilesystemMount("shared-nfs", shared.toString())))));

        StoredObject stored = store.add(ObjectId.of("m"), new ByteArrayInputStream(new byte[1]),
                AddOptions.builder().metadata("tenant", "t1").metadata("id", "caller-value").build());

        assertThat(stored.location().metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("tenant", "t1", "id", "shared-nfs", "mountpoint", shared.toString()));
        assertThat(store.owns(stored.location())).isTrue();
    }

    // ---------------------------------------------------------------- confinement

    @Test
    void refusesEveryLocationOutsideItsDirsAndTouchesNothing() throws Exception {
        Path dir = root.resolve("data");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"), "keep me");
        Store store = open(dir);
        Files.createSymbolicLink(dir.resolve("escape"), secret);
        Files.createSymbolicLink(dir.resolve("escape-relative"), Path.of("../outside/secret"));
        Files.createSymbolicLink(dir.resolve("dangling-out"), root.resolve("nothing-here"));
        Files.createDirectories(dir.resolve("subdir"));
        Files.createSymbolicLink(dir.resolve("subdir").resolve("inner"), secret);

        List<String> refused = List.of(
                "file:///etc/hostname",
                "file://" + outside + "/secret",
                "file://" + dir + "/../outside/secret",
                "file://" + dir + "/%2e%2e/outside/secret",
                "file://" + dir + "/%2E%2E%2Foutside%2Fsecret",
                "file://" + dir + "/subdir/inner",
                "file://" + dir + "/subdir",
                "file://" + dir + "/escape",
                "file://" + dir + "/escape-relative",
                "file://elsewhere" + dir + "/escape",
                "file://" + dir);
        for (String text : refused) {
            Location location = location(text);
            assertThatThrownBy(() -> store.get(location).close()).as("get %s", text).isInstanceOf(InvalidLocationException.class);
            assertThatThrownBy(() -> store.size(location)).as("size %s", text).isInstanceOf(InvalidLocationException.class);
            assertThatThrownBy(() -> store.delete(location)).as("delete %s", text).isInstanceOf(InvalidLocationException.class);
        }

        assertThat(Files.readString(secret)).isEqualTo("keep me");
        assertThat(TestFiles.names(dir)).containsExactly("dangling-out", "escape", "escape-relative", "subdir");
        assertThat(TestFiles.names(dir.resolve("subdir"))).containsExactly("inner");
        assertThat(store.owns(location("file://" + dir + "/escape"))).as("owns is lexical").isTrue();
        assertThatThrownBy(() -> store.get(location("file://" + dir + "/dangling-out")).close())
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void followsSymlinksThatStayAmongTheObjects() throws Exception {
        Path first = root.resolve("first");
        Path second = root.resolve("second");
        Store store = open(first, second);
        Files.writeString(second.resolve("target"), "linked data");
        Files.createSymbolicLink(first.resolve("alias"), second.resolve("target"));
        Location alias = location("file://" + first + "/alias");

        assertThat(store.size(alias)).isEqualTo(11);
        assertThat(new String(read(store, alias), StandardCharsets.UTF_8)).isEqualTo("linked data");

        store.delete(alias);

        assertThat(TestFiles.names(first)).doesNotContain("alias");
        assertThat(Files.readString(second.resolve("target"))).isEqualTo("linked data");
    }

    @Test
    void refusesDirectoriesAndSpecialFilesUnderAnIdName() throws Exception {
        Path dir = root.resolve("data");
        Store store = open(dir);
        Files.createDirectories(dir.resolve("looks-like-an-id"));
        Location location = location("file://" + dir + "/looks-like-an-id");

        assertThatThrownBy(() -> store.get(location).close()).isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> store.delete(location)).isInstanceOf(InvalidLocationException.class);
        assertThat(dir.resolve("looks-like-an-id")).isDirectory();
    }

    @Test
    void ownsIsAPureFunctionOfTheLocation() throws Exception {
        Path dir = root.resolve("data");
        Store store = open(dir);
        Files.delete(dir); // owns() must not need the filesystem

        assertThat(store.owns(location("file://" + dir + "/never-added"))).isTrue();
        assertThat(store.owns(location("file://" + dir + "/not~an~id"))).isFalse();
        assertThat(store.owns(location("file://" + dir + "/a/b"))).isFalse();
        assertThat(store.owns(Location.of(URI.create("s3://bucket" + dir + "/x")))).isFalse();
    }

    // ---------------------------------------------------------------- permissions and lifecycle

    @Test
    void setsTheConfiguredPermissions() throws Exception {
        Path dir = root.resolve("data");
        Store store = open(FileStoreConfig.ofDirs(dir.toString()).withFilePermissions("rw-r-----"));

        store.add(ObjectId.of("perm"), Payload.of(3 * 1024 * 1024, 1).open(), AddOptions.defaults());
        store.add(ObjectId.of("small"), new ByteArrayInputStream(new byte[1]), AddOptions.defaults());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("perm")))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("small")))).isEqualTo("rw-r-----");
    }

    @Test
    void refusesEverythingOnceClosed() throws Exception {
        Path dir = root.resolve("data");
        Store store = open(dir);
        Location location = store.add(ObjectId.of("c"), new ByteArrayInputStream(new byte[1]), AddOptions.defaults()).location();

        store.close();
        store.close();

        assertThatThrownBy(() -> store.add(ObjectId.of("d"), new ByteArrayInputStream(new byte[1]), AddOptions.defaults()))
                .isInstanceOf(StoreException.class).hasMessage("Store 'local' is closed");
        assertThatThrownBy(() -> store.get(location)).isInstanceOf(StoreException.class).hasMessage("Store 'local' is closed");
        assertThat(TestFiles.names(dir)).containsExactly("c");
    }
}
