package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Capability;
import io.stowage.InvalidConfigurationException;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding and validation of the http store config, and the provider found through the registry. */
class HttpStoreConfigTest {
    @Test
    void everyKeyHasASafeDefault() throws InvalidConfigurationException {
        HttpStoreConfig config = TestConfigs.bind(Map.of());

        assertThat(config).isEqualTo(HttpStoreConfig.defaults());
        assertThat(config.maxRedirects()).isEqualTo(5);
        assertThat(config.connectTimeoutMillis()).isEqualTo(10_000);
        assertThat(config.readTimeoutMillis()).isEqualTo(30_000);
        assertThat(config.retries()).isEqualTo(3);
        assertThat(config.tlsInsecure()).isFalse();
        assertThat(config.caFile()).isEmpty();
        assertThat(config.allowLinkLocal()).isFalse();
        assertThat(config.allowedHosts()).isEmpty();
        assertThat(config.hasCredentials()).isFalse();
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("insecure", true)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'web'").hasMessageContaining("unknown key 'insecure'");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("maxRedirects", 21)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("maxRedirects must be between 0 and 20");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("readTimeoutMillis", 0)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("readTimeoutMillis");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("retries", -1)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retries");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("caFile", "/x.pem", "tlsInsecure", true)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("caFile and tlsInsecure exclude each other");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("username", "reader")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("username and password must be set together");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("allowedHosts", List.of("bad host"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("allowedHosts holds an entry");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("maxRedirects", "many")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("maxRedirects");
    }

    @Test
    void credentialsStayOutOfToStringAndErrors() throws InvalidConfigurationException {
        HttpStoreConfig config = TestConfigs.bind(Map.of("username", "reader", "password", "pa55-word"));

        assertThat(config.toString()).doesNotContain("pa55-word").doesNotContain("reader").contains("credentials=(set)");
        assertThatThrownBy(() -> TestConfigs.bind(Map.of("username", "reader", "password", "pa55-word", "retries", -3)))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa55-word"));
    }

    @Test
    void aMissingCaFileIsAConfigurationErrorNamingStoreAndKey(@TempDir Path dir) {
        String caFile = dir.resolve("missing.pem").toString();

        assertThatThrownBy(() -> new HttpStoreProvider().create("web", TestConfigs.bind(Map.of("caFile", caFile))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'web'").hasMessageContaining("key 'caFile'");
    }

    @Test
    void aCaFileWithoutCertificatesIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path caFile = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

        assertThatThrownBy(() -> new HttpStoreProvider().create("web", TestConfigs.bind(Map.of("caFile", caFile.toString()))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("key 'caFile'");
    }

    @Test
    void theRegistryFindsTheProviderAndLists() throws Exception {
        StowageConfig config = StowageConfig.parse("stores:\n  web: { type: http, maxRedirects: 2, retries: 1 }\n",
                name -> null);

        try (StoreRegistry stores = StoreRegistry.build(config)) {
            assertThat(stores.describe()).singleElement().satisfies(info -> {
                assertThat(info.name()).isEqualTo("web");
                assertThat(info.type()).isEqualTo("http");
                assertThat(info.schemes()).containsExactlyInAnyOrder("http", "https");
                assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.READ, Capability.RANGE_READ);
                assertThat(info.isDefault()).isTrue();
            });
            assertThat(stores.schemes()).containsExactly("http", "https");
        }
    }
}
