package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.source.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An add in another JVM killed with SIGKILL in the middle of its stream: nothing is readable
 * under its id, a store opened while the writer still lives keeps its temp file, and the
 * first store opened after its death removes it.
 */
class KillDuringAddTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "killed after {0} bytes")
    @ValueSource(longs = {0, 1_500_000, 5 * 1024 * 1024 + 1})
    void aKilledAddLeavesNothingAndItsTempFileGoesOnTheNextOpen(long killAfter) throws Exception {
        Path dir = root.resolve("data");
        ObjectId id = ObjectId.of("killed-" + killAfter);
        Location location = Location.parse("file://" + dir + "/" + id);
        Path stderr = root.resolve("child-stderr.txt");
        try (ChildJvm child = ChildJvm.start(AddUntilKilled.class, stderr, dir.toString(), id.value(), Long.toString(killAfter))) {
            assertThat(child.nextLine(Duration.ofSeconds(120))).as("the child's first line (stderr: %s)", stderr)
                    .hasValue(AddUntilKilled.PAUSED);

            List<String> during = TestFiles.names(dir);
            assertThat(during).as("the dir while the child is writing").singleElement()
                    .satisfies(name -> assertThat(TempFile.isTempName(name)).isTrue());
            try (Store meanwhile = new FileStoreProvider().create("meanwhile", FileStoreConfig.ofDirs(dir.toString()))) {
                assertThat(TestFiles.names(dir)).as("a live writer's temp file survives another open").isEqualTo(during);
                assertThatThrownBy(() -> meanwhile.get(location)).isInstanceOf(ObjectNotFoundException.class);
            }

            assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(ChildJvm.KILLED);
        }

        assertThat(TestFiles.names(dir)).as("nobody removed the temp file yet").hasSize(1);
        try (Store next = new FileStoreProvider().create("next", FileStoreConfig.ofDirs(dir.toString()))) {
            assertThat(TestFiles.names(dir)).as("the dir after the next open").isEmpty();
            assertThatThrownBy(() -> next.get(location)).isInstanceOf(ObjectNotFoundException.class);

            Payload payload = Payload.of(100_000, 5);
            StoredObject again = next.add(id, payload.open(), AddOptions.defaults());
            assertThat(again.location()).isEqualTo(location);
            try (ObjectStream stream = next.get(location)) {
                assertThat(payload.mismatch(stream)).isEmpty();
            }
        }
        assertThat(Files.readString(stderr)).as("the child's stderr").doesNotContain("Exception");
    }
}
