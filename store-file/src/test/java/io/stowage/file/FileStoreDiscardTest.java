package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.Store;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code discard}, the recovery after a crashed add: the object goes from whichever dir holds it, nothing else does. */
class FileStoreDiscardTest {
    @TempDir
    Path root;

    @Test
    void removesTheObjectFromItsDirAndLeavesOthers() throws Exception {
        Path low = Files.createDirectories(root.resolve("low"));
        Path high = Files.createDirectories(root.resolve("high"));
        try (Store store = new FileStoreProvider().create("local",
                FileStoreConfig.ofDirs(low + ":1", high + ":2"))) {
            store.add(ObjectId.of("image.1"), new ByteArrayInputStream(new byte[] {1}), AddOptions.defaults());
            store.add(ObjectId.of("image.10"), new ByteArrayInputStream(new byte[] {2}), AddOptions.defaults());
            Files.write(low.resolve("image.1"), new byte[] {3});

            store.discard(ObjectId.of("image.1"));
            store.discard(ObjectId.of("never-added"));

            assertThat(high.resolve("image.1")).doesNotExist();
            assertThat(low.resolve("image.1")).doesNotExist();
            assertThat(high.resolve("image.10")).hasBinaryContent(new byte[] {2});
        }
    }
}
