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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), AddUntilKilled.class.getName(),
                dir.toString(), id.value(), Long.toString(killAfter))
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).as("the child's first line (stderr: %s)", stderr).isEqualTo(AddUntilKilled.PAUSED);

            List<String> during = TestFiles.names(dir);
            assertThat(during).as("the dir while the child is writing").singleElement()
                    .satisfies(name -> assertThat(TempFile.isTempName(name)).isTrue());
            try (Store meanwhile = new FileStoreProvider().create("meanwhile", FileStoreConfig.ofDirs(dir.toString()))) {
                assertThat(TestFiles.names(dir)).as("a live writer's temp file survives another open").isEqualTo(during);
                assertThatThrownBy(() -> meanwhile.get(location)).isInstanceOf(ObjectNotFoundException.class);
            }

            child.destroyForcibly(); // SIGKILL on Unix
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        } finally {
            child.destroyForcibly();
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
