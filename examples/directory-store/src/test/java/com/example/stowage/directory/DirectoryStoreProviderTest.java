package com.example.stowage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.InvalidConfigurationException;
import io.stowage.ObjectId;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider is found on the classpath and configured like every other store. */
class DirectoryStoreProviderTest {
    @TempDir
    Path dir;

    @Test
    void theRegistryFindsAndRoutesToTheDirectoryStore() throws Exception {
        Map<String, Object> images = Map.of("type", "directory", "path", dir.toString());
        try (StoreRegistry stores = StoreRegistry.build(config(images))) {
            StoredObject stored = stores.add(ObjectId.of("kernel"), new ByteArrayInputStream(new byte[] {1, 2, 3}),
                    AddOptions.defaults());

            assertThat(stored.location().url()).isEqualTo("dirstore://images/kernel");
            assertThat(stores.size(stored.location())).isEqualTo(3);
            assertThat(Files.readAllBytes(dir.resolve("kernel"))).containsExactly(1, 2, 3);
        }
    }

    @Test
    void unknownKeysAreConfigurationErrors() {
        Map<String, Object> images = Map.of("type", "directory", "path", dir.toString(), "colour", "blue");

        assertThatThrownBy(() -> StoreRegistry.build(config(images)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'images'")
                .hasMessageContaining("colour");
    }

    private static StowageConfig config(Map<String, Object> images) throws Exception {
        return StowageConfig.fromTree(Map.of("default", "images", "stores", Map.of("images", images)), name -> null);
    }
}
