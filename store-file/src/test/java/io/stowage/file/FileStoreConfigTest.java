package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.InvalidConfigurationException;
import io.stowage.core.Providers;
import io.stowage.Settings;
import io.stowage.StoreProvider;
import io.stowage.download.DownloadHandlerProvider;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileStoreConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static FileStoreConfig bind(String json) throws Exception {
        return FileStoreConfig.from(Settings.of("store 'local'", JSON.readValue(json, Map.class)));
    }

    @Test
    void bindsEveryKey() throws Exception {
        FileStoreConfig config = bind("""
                {"dirs": ["/ssd/images:200", "/hdd/images:100", "/plain"],
                 "filePermissions": "rw-r-----",
                 "filesystems": [{"id": "shared-nfs", "mountpoint": "/hdd"}],
                 "bufferSize": 65536}""");

        assertThat(config.dataDirs()).containsExactly(new DataDirSpec("/ssd/images", 200),
                new DataDirSpec("/hdd/images", 100), new DataDirSpec("/plain", 0));
        assertThat(config.permissions()).contains(EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ));
        assertThat(config.filesystems()).containsExactly(new FilesystemMount("shared-nfs", "/hdd"));
        assertThat(config.bufferSize()).isEqualTo(65536);
    }

    @Test
    void defaultsEverythingButTheDirs() throws Exception {
        FileStoreConfig config = bind("{\"dirs\": [\"./stowage-data\"]}");

        assertThat(config.dataDirs()).containsExactly(new DataDirSpec("./stowage-data", 0));
        assertThat(config.permissions()).isEmpty();
        assertThat(config.filesystems()).isEmpty();
        assertThat(config.bufferSize()).isEqualTo(FileStoreConfig.DEFAULT_BUFFER_SIZE);
    }

    @Test
    void rejectsUnknownKeysByName() {
        assertThatThrownBy(() -> bind("{\"dirs\": [\"/a\"], \"dir\": \"/b\"}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'local'")
                .hasMessageContaining("unknown key 'dir'");
        assertThatThrownBy(() -> bind("{\"dirs\": [\"/a\"], \"filesystems\": [{\"id\": \"x\", \"mountpoint\": \"/m\", \"path\": \"/p\"}]}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("path");
    }

    @Test
    void readsPrioritiesAfterTheLastColon() {
        assertThat(DataDirSpec.parse("/a:7", "k")).isEqualTo(new DataDirSpec("/a", 7));
        assertThat(DataDirSpec.parse("/a:-3", "k")).isEqualTo(new DataDirSpec("/a", -3));
        assertThat(DataDirSpec.parse("/a:b:9", "k")).isEqualTo(new DataDirSpec("/a:b", 9));
        assertThat(DataDirSpec.parse("/with:colon", "k")).isEqualTo(new DataDirSpec("/with:colon", 0));
        assertThat(DataDirSpec.parse("C:\\images", "k")).isEqualTo(new DataDirSpec("C:\\images", 0));
    }

    @Test
    void refusesBadDirsNamingTheKey() {
        assertThatThrownBy(() -> bind("{}")).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("dirs");
        assertThatThrownBy(() -> bind("{\"dirs\": []}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs: at least one data dir is required");
        assertThatThrownBy(() -> bind("{\"dirs\": [\"/a\", \"/b:\"]}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs[1]: the priority after ':' must be an integer");
        assertThatThrownBy(() -> bind("{\"dirs\": [\"/a:12345678901\"]}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs[0]");
        assertThatThrownBy(() -> bind("{\"dirs\": [\":5\"]}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs[0]: a data dir path must not be empty");
        assertThatThrownBy(() -> bind("{\"dirs\": [\" \"]}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs[0]");
        assertThatThrownBy(() -> bind("{\"dirs\": \"/a\"}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dirs");
    }

    @Test
    void readsPermissionsSymbolicOrOctal() {
        FileStoreConfig symbolic = FileStoreConfig.ofDirs("/a").withFilePermissions("rw-r-----");
        FileStoreConfig octal = FileStoreConfig.ofDirs("/a").withFilePermissions("0640");
        FileStoreConfig shortOctal = FileStoreConfig.ofDirs("/a").withFilePermissions("755");

        assertThat(octal.permissions()).isEqualTo(symbolic.permissions());
        assertThat(shortOctal.permissions()).contains(EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        assertThat(FileStoreConfig.ofDirs("/a").withFilePermissions("---------").permissions()).contains(
                EnumSet.noneOf(PosixFilePermission.class));
        for (String bad : List.of("rw-r", "rwxrwxrwxr", "0648", "rw-r--r-x!", "", "u+rw")) {
            assertThatThrownBy(() -> FileStoreConfig.ofDirs("/a").withFilePermissions(bad))
                    .as("permissions %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("filePermissions: ");
        }
    }

    @Test
    void boundsTheBufferSize() {
        assertThat(FileStoreConfig.ofDirs("/a").withBufferSize(FileStoreConfig.MIN_BUFFER_SIZE).bufferSize())
                .isEqualTo(FileStoreConfig.MIN_BUFFER_SIZE);
        assertThat(FileStoreConfig.ofDirs("/a").withBufferSize(FileStoreConfig.MAX_BUFFER_SIZE).bufferSize())
                .isEqualTo(FileStoreConfig.MAX_BUFFER_SIZE);
        assertThatThrownBy(() -> FileStoreConfig.ofDirs("/a").withBufferSize(FileStoreConfig.MIN_BUFFER_SIZE - 1))
                .hasMessageStartingWith("bufferSize: ");
        assertThatThrownBy(() -> FileStoreConfig.ofDirs("/a").withBufferSize(FileStoreConfig.MAX_BUFFER_SIZE + 1))
                .hasMessageStartingWith("bufferSize: ");
    }

    @Test
    void refusesBadFilesystems() {
        assertThatThrownBy(() -> FileStoreConfig.ofDirs("/a").withFilesystems(
                List.of(new FilesystemMount("nfs", "/m"), new FilesystemMount("nfs", "/n"))))
                .hasMessage("filesystems: id 'nfs' is listed twice");
        assertThatThrownBy(() -> new FilesystemMount(" ", "/m")).hasMessageStartingWith("filesystems: ");
        assertThatThrownBy(() -> new FilesystemMount("nfs", null)).hasMessageStartingWith("filesystems: ");
        assertThatThrownBy(() -> FileDownloadHandlerConfig.of(List.of()))
                .hasMessageStartingWith("filesystems: at least one {id, mountpoint} is required");
        assertThatThrownBy(() -> FileDownloadHandlerConfig.of((List<FilesystemMount>) null))
                .hasMessageStartingWith("filesystems: ");
    }

    @Test
    void bothProvidersAreFoundByServiceLoader() throws Exception {
        List<StoreProvider> stores = Providers.storeProviders();
        List<DownloadHandlerProvider> handlers = Providers.downloadHandlerProviders();

        assertThat(stores).filteredOn(provider -> provider.type().equals("file")).singleElement()
                .satisfies(provider -> {
                    assertThat(provider).isInstanceOf(FileStoreProvider.class);
                    assertThat(provider.schemes()).containsExactly("file");
                });
        assertThat(handlers).filteredOn(provider -> provider.type().equals("file")).singleElement()
                .satisfies(provider -> {
                    assertThat(provider).isInstanceOf(FileDownloadHandlerProvider.class);
                    assertThat(provider.schemes()).containsExactly("file");
                });
    }

    @Test
    void permissionBitsFollowTheEnumOrder() {
        // the octal parser relies on OWNER_READ .. OTHERS_EXECUTE being declared in mode-bit order
        assertThat(Arrays.asList(PosixFilePermission.values())).containsExactly(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    }
}
