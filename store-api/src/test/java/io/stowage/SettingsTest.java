package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final String SECRET = "s3cr3t-value";

    private static Settings settings(Map<String, ?> values) {
        return Settings.of("store 'local'", values);
    }

    @Test
    void readsEachTypeOfValue() throws Exception {
        Settings settings = settings(Map.of("name", "images", "size", 4096, "big", 5_000_000_000L, "on", true,
                "dirs", List.of("/a", "/b:2"), "mounts", List.of(Map.of("id", "nfs", "mountpoint", "/m")),
                "auth", Map.of("user", "reader")));

        assertThat(settings.string("name")).contains("images");
        assertThat(settings.integer("size")).hasValue(4096);
        assertThat(settings.longInteger("big")).hasValue(5_000_000_000L);
        assertThat(settings.flag("on")).contains(true);
        assertThat(settings.strings("dirs")).contains(List.of("/a", "/b:2"));
        assertThat(settings.sections("mounts")).singleElement()
                .satisfies(mount -> assertThat(mount.requiredString("mountpoint")).isEqualTo("/m"));
        assertThat(settings.section("auth").orElseThrow().string("user")).contains("reader");
        assertThat(settings.keys()).containsExactly("auth", "big", "dirs", "mounts", "name", "on", "size");
    }

    @Test
    void absentAndNullKeysAreEmpty() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("nothing", null);
        Settings settings = settings(values);

        assertThat(settings.string("nothing")).isEmpty();
        assertThat(settings.string("missing")).isEmpty();
        assertThat(settings.integer("nothing")).isEqualTo(OptionalInt.empty());
        assertThat(settings.longInteger("missing")).isEqualTo(OptionalLong.empty());
        assertThat(settings.flag("missing")).isEmpty();
        assertThat(settings.strings("missing")).isEmpty();
        assertThat(settings.sections("missing")).isEmpty();
        assertThat(settings.section("missing")).isEmpty();
        assertThat(settings.contains("nothing")).isFalse();
        assertThat(settings.keys()).containsExactly("nothing");
    }

    @Test
    void readsScalarsAsAConfigAuthorMeansThem() throws Exception {
        Settings settings = settings(Map.of("fromEnvironment", " 8192 ", "flagText", "TRUE", "number", 42, "decimal", 2.0,
                "huge", new BigInteger("123456789012"), "negative", "-3"));

        assertThat(settings.integer("fromEnvironment")).hasValue(8192);
        assertThat(settings.flag("flagText")).contains(true);
        assertThat(settings.string("number")).contains("42");
        assertThat(settings.string("flagText")).contains("TRUE");
        assertThat(settings.integer("decimal")).hasValue(2);
        assertThat(settings.longInteger("huge")).hasValue(123_456_789_012L);
        assertThat(settings.integer("negative")).hasValue(-3);
    }

    @Test
    void aValueOfTheWrongShapeNamesTheSubjectAndTheKeyButNeverTheValue() {
        Settings settings = settings(Map.of("size", SECRET, "ratio", 1.5, "port", 99_999_999_999L, "on", SECRET,
                "dirs", SECRET, "list", List.of("a", List.of(SECRET)), "mounts", List.of(Map.of("id", "x"), SECRET),
                "name", List.of(SECRET), "auth", SECRET));

        assertThatThrownBy(() -> settings.integer("size")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'local': key 'size' expects an integer");
        assertThatThrownBy(() -> settings.integer("ratio"))
                .hasMessage("Invalid configuration of store 'local': key 'ratio' expects an integer");
        assertThatThrownBy(() -> settings.integer("port"))
                .hasMessage("Invalid configuration of store 'local': key 'port' expects an integer");
        assertThatThrownBy(() -> settings.flag("on"))
                .hasMessage("Invalid configuration of store 'local': key 'on' expects true or false");
        assertThatThrownBy(() -> settings.strings("dirs"))
                .hasMessage("Invalid configuration of store 'local': key 'dirs' expects a list");
        assertThatThrownBy(() -> settings.strings("list"))
                .hasMessage("Invalid configuration of store 'local': key 'list[1]' expects a string");
        assertThatThrownBy(() -> settings.sections("mounts"))
                .hasMessage("Invalid configuration of store 'local': key 'mounts[1]' expects a mapping");
        assertThatThrownBy(() -> settings.string("name"))
                .hasMessage("Invalid configuration of store 'local': key 'name' expects a string");
        assertThatThrownBy(() -> settings.section("auth"))
                .hasMessage("Invalid configuration of store 'local': key 'auth' expects a mapping");
        assertThatThrownBy(() -> settings.requiredString("missing"))
                .hasMessage("Invalid configuration of store 'local': key 'missing' is required");
        assertThat(settings.toString()).doesNotContain(SECRET).isEqualTo(
                "Settings[store 'local': keys [auth, dirs, list, mounts, name, on, port, ratio, size]]");
    }

    @Test
    void nestedSectionsNameTheirKeysByTheirPath() throws Exception {
        Settings settings = settings(Map.of("filesystems", List.of(Map.of("id", "a"), Map.of("id", "b", "path", "/p")),
                "auth", Map.of("tokens", SECRET)));
        Settings second = settings.sections("filesystems").get(1);

        assertThatThrownBy(() -> second.checkKeys("id", "mountpoint"))
                .hasMessage("Invalid configuration of store 'local': unknown key 'filesystems[1].path'"
                        + " (known keys: id, mountpoint)");
        assertThatThrownBy(() -> settings.section("auth").orElseThrow().integer("tokens"))
                .hasMessage("Invalid configuration of store 'local': key 'auth.tokens' expects an integer");
        assertThat(second.subject()).isEqualTo("store 'local'");
    }

    @Test
    void checkKeysReportsTheFirstUnknownKeyAndTheKnownOnes() {
        Settings settings = settings(Map.of("dir", "/a", "zeta", 1, "bufferSize", 4096));

        assertThatThrownBy(() -> settings.checkKeys("dirs", "bufferSize"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'local': unknown key 'dir' (known keys: bufferSize, dirs)");
        assertThatCode(() -> Settings.empty("download handler 'x'").checkKeys()).doesNotThrowAnyException();
        assertThatThrownBy(() -> settings.checkKeys())
                .hasMessage("Invalid configuration of store 'local': unknown key 'bufferSize' (known keys: none)");
    }

    @Test
    void parsedTurnsTheParsersRefusalIntoTheErrorOfTheKey() throws Exception {
        Settings settings = settings(Map.of("timeout", "PT30S", "other", SECRET));

        assertThat(settings.parsed("timeout", "a duration", Duration::parse)).contains(Duration.ofSeconds(30));
        assertThatThrownBy(() -> settings.parsed("other", "a duration", text -> {
            throw new IllegalArgumentException("cannot read " + text);
        })).hasMessage("Invalid configuration of store 'local': key 'other' expects a duration");
        assertThat(settings.parsed("missing", "a duration", Duration::parse)).isEqualTo(Optional.empty());
    }

    @Test
    void buildTurnsTheFactorysRefusalIntoTheErrorOfTheSubject() throws Exception {
        Settings settings = settings(Map.of());

        assertThat(settings.build(() -> "config")).isEqualTo("config");
        assertThatThrownBy(() -> settings.build(() -> {
            throw new IllegalArgumentException("dirs: at least one data dir is required");
        })).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of store 'local': dirs: at least one data dir is required");
        assertThat(settings.invalid("key", "must be positive"))
                .hasMessage("Invalid configuration of store 'local': key 'key' must be positive");
    }

    @Test
    void copiesItsValuesAndRefusesWhatIsNotAConfigValue() {
        List<Object> dirs = new java.util.ArrayList<>(List.of("/a"));
        Settings settings = settings(Map.of("dirs", dirs));
        dirs.add("/b");

        assertThat(settings.asMap()).isEqualTo(Map.of("dirs", List.of("/a")));
        assertThatThrownBy(() -> settings.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> settings(Map.of("dir", Duration.ZERO))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Settings hold a Duration, which is not a config value (strings, numbers, booleans, lists and"
                        + " maps) at key 'dir'");
        assertThatThrownBy(() -> settings(Map.of("nested", Map.of(1, "x")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Settings hold a key that is not a string at key 'nested'");
        assertThatThrownBy(() -> settings(Map.of("list", Arrays.asList("a", new Object()))))
                .hasMessageContaining("at key 'list[1]'");
        assertThat(settings(Map.of("a", 1))).isEqualTo(settings(Map.of("a", 1))).isNotEqualTo(settings(Map.of("a", 2)));
    }
}
