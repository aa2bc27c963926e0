package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File stores built by the registry from config, and routed to by ownership. */
class FileStoreRegistryTest {
    @TempDir
    Path root;

    private StoreRegistry load(String yaml) throws Exception {
        return StoreRegistry.build(StowageConfig.parse(yaml, name -> name.equals("DATA") ? root.toString() : null));
    }

    @Test
    void routesEachLocationToTheStoreOwningItsDir() throws Exception {
        try (StoreRegistry stores = load("""
                default: a
                stores:
                  a: { type: file, dirs: ["${DATA}/a"] }
                  b: { type: file, dirs: ["${DATA}/b:10", "${DATA}/b2:5"], filePermissions: "0640" }
                """)) {
            StoredObject inB = stores.add("b", ObjectId.of("x"), new ByteArrayInputStream(new byte[] {9}), AddOptions.defaults());
            Location bare = Location.parse(inB.location().url());

            assertThat(inB.location().metadata()).containsEntry(Location.STORE_KEY, "b");
            assertThat(bare.url()).isEqualTo("file://" + root.resolve("b") + "/x");
            assertThat(stores.routeName(bare)).isEqualTo("b");
            assertThat(stores.routeName(Location.parse("file://" + root.resolve("b2") + "/y"))).isEqualTo("b");
            assertThat(stores.routeName(Location.parse("file://" + root.resolve("a") + "/y"))).isEqualTo("a");
            try (ObjectStream stream = stores.get(bare)) {
                assertThat(stream.readAllBytes()).containsExactly(9);
            }
            assertThatThrownBy(() -> stores.get(Location.parse("file:///etc/hostname")))
                    .isInstanceOf(InvalidLocationException.class)
                    .hasMessageContaining("outside every configured file store");
            assertThatThrownBy(() -> stores.delete(Location.parse("file://" + root.resolve("a") + "/../b/x")))
                    .isInstanceOf(InvalidLocationException.class);
            assertThat(stores.size(bare)).isEqualTo(1);
        }
    }

    @Test
    void configurationErrorsNameTheStoreAndTheKey() {
        assertThatThrownBy(() -> load("""
                stores:
                  local: { type: file, dirz: ["${DATA}/a"] }
                """))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'local'")
                .hasMessageContaining("unknown key 'dirz'");
        assertThatThrownBy(() -> load("""
                stores:
                  local: { type: file, dirs: ["${DATA}/a:x1"], bufferSize: 1 }
                """))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'local'")
                .hasMessageContaining("bufferSize");
    }
}
