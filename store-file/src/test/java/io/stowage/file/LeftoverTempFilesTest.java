package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening a store does to temp files, and what it must leave alone. */
class LeftoverTempFilesTest {
    @TempDir
    Path dir;

    @Test
    void removesOnlyTheTempFilesOfUnfinishedAdds() throws Exception {
        Files.writeString(dir.resolve(".abc~0123456789abcdef.stowage-tmp"), "partial");
        Files.writeString(dir.resolve(".x~fedcba9876543210.stowage-tmp"), "");
        Files.writeString(dir.resolve("kept-object"), "object");
        Files.createLink(dir.resolve(".kept-object~00000000000000ff.stowage-tmp"), dir.resolve("kept-object"));
        Files.writeString(dir.resolve(".looks-like.stowage-tmp"), "a valid id, so an object");
        Files.writeString(dir.resolve(".abc~0123456789ABCDEF.stowage-tmp"), "not our pattern (upper-case hex)");
        Files.createSymbolicLink(dir.resolve(".y~1111111111111111.stowage-tmp"), dir.resolve("kept-object"));

        try (Store store = new FileStoreProvider().create("local", FileStoreConfig.ofDirs(dir.toString()))) {
            assertThat(TestFiles.names(dir)).containsExactly(".abc~0123456789ABCDEF.stowage-tmp",
                    ".looks-like.stowage-tmp", "kept-object");
            assertThat(Files.readString(dir.resolve("kept-object"))).isEqualTo("object");
            try (ObjectStream stream = store.get(Location.parse("file://" + dir + "/.looks-like.stowage-tmp"))) {
                assertThat(new String(stream.readAllBytes())).isEqualTo("a valid id, so an object");
            }
        }
    }

    @Test
    void noIdCanLookLikeATempFile() {
        for (String id : List.of("a", ".a", "..a", "a.stowage-tmp", ".a.0123456789abcdef.stowage-tmp",
                ".a-0123456789abcdef.stowage-tmp", ".a_0123456789abcdef.stowage-tmp")) {
            assertThat(ObjectId.isValid(id)).as("valid id %s", id).isTrue();
            assertThat(TempFile.isTempName(id)).as("temp name %s", id).isFalse();
        }
        assertThat(TempFile.isTempName(".a~0123456789abcdef.stowage-tmp")).isTrue();
        assertThat(ObjectId.isValid(".a~0123456789abcdef.stowage-tmp")).isFalse();
    }

    @Test
    void keepsTheTempFileOfAnAddInProgressInThisJvm() throws Exception {
        FileStoreConfig config = FileStoreConfig.ofDirs(dir.toString()).withFilePermissions("rw-r--r--");
        Payload payload = Payload.of(5 * 1024 * 1024 + 1, 9);
        BlockingSource source = new BlockingSource(payload.open(), 3 * 1024 * 1024);
        ExecutorService adder = Executors.newSingleThreadExecutor();
        try (Store writing = new FileStoreProvider().create("writing", config)) {
            Future<StoredObject> add = adder.submit(() -> writing.add(ObjectId.of("in-progress"), source, AddOptions.defaults()));
            source.awaitPaused();
            List<String> during = TestFiles.names(dir);
            assertThat(during).singleElement().satisfies(name -> assertThat(TempFile.isTempName(name)).isTrue());
            Path temp = dir.resolve(during.get(0));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)))
                    .as("a temp file is private until it is published").isEqualTo("rw-------");

            try (Store opening = new FileStoreProvider().create("opening", config)) {
                assertThat(TestFiles.names(dir)).containsExactly(during.get(0));
                source.resume();
                StoredObject stored = add.get(60, TimeUnit.SECONDS);

                assertThat(TestFiles.names(dir)).containsExactly("in-progress");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("in-progress"))))
                        .isEqualTo("rw-r--r--");
                try (ObjectStream stream = opening.get(stored.location())) {
                    assertThat(payload.mismatch(stream)).isEmpty();
                }
            }
        } finally {
            source.resume();
            adder.shutdownNow();
        }
    }
}
