package com.example.stowage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.AddOptions;
import io.stowage.InvalidConfigurationException;
import io.stowage.ObjectId;
import io.stowage.StoredObject;
import io.stowage.StoreRegistry;
import io.stowage.config.StowageConfig;
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
        ObjectNode images = new ObjectMapper().createObjectNode().put("type", "directory").put("path", dir.toString());
        try (StoreRegistry stores = StoreRegistry.build(new StowageConfig("images", Map.of("images", images), null))) {
            StoredObject stored = stores.add(ObjectId.of("kernel"), new ByteArrayInputStream(new byte[] {1, 2, 3}),
                    AddOptions.defaults());

            assertThat(stored.location().url()).isEqualTo("dirstore://images/kernel");
            assertThat(stores.size(stored.location())).isEqualTo(3);
            assertThat(Files.readAllBytes(dir.resolve("kernel"))).containsExactly(1, 2, 3);
        }
    }

    @Test
    void unknownKeysAreConfigurationErrors() {
        ObjectNode images = new ObjectMapper().createObjectNode().put("type", "directory").put("path", dir.toString())
                .put("colour", "blue");

        assertThatThrownBy(() -> StoreRegistry.build(new StowageConfig("images", Map.of("images", images), null)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'images'")
                .hasMessageContaining("colour");
    }
}
