package io.stowage.image.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidConfigurationException;
import io.stowage.core.config.StowageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageServiceConfigTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("TOKEN_A", "secret-token-aaaaaaaaaaaa");

    private static ImageServiceConfig parse(String images) throws InvalidConfigurationException {
        return ImageServiceConfig.fromSection(StowageConfig.parse("stores: { a: { type: memory } }\nimages: " + images,
                ENVIRONMENT::get).images());
    }

    @Test
    void anEmptySectionIsTheEmbeddedDefault() throws Exception {
        ImageServiceConfig config = ImageServiceConfig.fromSection(StowageConfig.parse("stores: { a: { type: memory } }",
                ENVIRONMENT::get).images());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9292);
        assertThat(config.registry()).isEqualTo("jdbc:sqlite:./stowage-data/images.db");
        assertThat(config.requiresToken()).isFalse();
        assertThat(config.sizeCap()).isEqualTo(1L << 40);
        assertThat(config.hash()).isEqualTo(ChecksumAlgorithm.SHA512);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsEveryKeyAndTakesTokensFromTheEnvironment() throws Exception {
        ImageServiceConfig config = parse("""
                { listen: "[::1]:0", registry: "jdbc:sqlite:/tmp/x.db", size-cap: 512MiB, hash: sha256,
                  show-direct-url: true, show-multiple-locations: true, idle-timeout: 500ms,
                  auth: { tokens: [ { token: "${TOKEN_A}", project: p1, roles: [admin] } ] } }""");

        assertThat(config.host()).isEqualTo("::1");
        assertThat(config.port()).isZero();
        assertThat(config.sizeCap()).isEqualTo(512L << 20);
        assertThat(config.hash()).isEqualTo(ChecksumAlgorithm.SHA256);
        assertThat(config.showDirectUrl()).isTrue();
        assertThat(config.showMultipleLocations()).isTrue();
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.grant("secret-token-aaaaaaaaaaaa").orElseThrow()).isEqualTo(new TokenGrant("p1", java.util.Set.of("admin")));
        assertThat(config.grant("secret-token-aaaaaaaaaaab")).isEmpty();
        assertThat(config.toString()).doesNotContain("secret-token").contains("auth=1 tokens");
    }

    @Test
    void readsTheMultiNodeKeysAndNeverShowsTheRegistryPassword() throws Exception {
        ImageServiceConfig config = parse("""
                { registry: "jdbc:postgresql://db.internal:5432/images?password=in-url-secret",
                  registry-user: stowage, registry-password: "${TOKEN_A}", owner-quota: 10GiB, upload-lease: 5s }
                """);

        assertThat(config.registryCredentials().user()).contains("stowage");
        assertThat(config.registryCredentials().password()).contains("secret-token-aaaaaaaaaaaa");
        assertThat(config.ownerQuota()).isEqualTo(10L << 30);
        assertThat(config.uploadLease()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain("secret-token-aaaaaaaaaaaa", "in-url-secret")
                .contains("jdbc:postgresql://db.internal:5432/images?...");
        assertThat(parse("{}").ownerQuota()).isEqualTo(ImageServiceConfig.UNLIMITED);
        assertThatThrownBy(() -> parse("{ upload-lease: 500ms }")).hasMessageContaining("'upload-lease'");
        assertThatThrownBy(() -> parse("{ owner-quota: lots }")).hasMessageContaining("byte count");
    }

    @Test
    void readsTheImportKeysAndTheServiceRefusesStoresThatCannotServeThem(@TempDir Path dir) throws Exception {
        ImageServiceConfig config = parse("{ staging-store: a, web-download-store: web }");
        assertThat(config.stagingStore()).contains("a");
        assertThat(config.webDownloadStore()).contains("web");
        assertThat(parse("{}").webDownloadStore()).isEmpty();

        assertThatThrownBy(() -> TestService.start(dir, settings -> settings.stagingStore("ro")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'staging-store'");
        assertThatThrownBy(() -> TestService.start(dir, settings -> settings.webDownloadStore("fast")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'web-download-store'")
                .hasMessageContaining("type http");
        assertThatThrownBy(() -> TestService.start(dir, settings -> settings.webDownloadStore("nowhere")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'web-download-store'");
    }

    @Test
    void theImageClientsApiServersMayShareTheSection() throws Exception {
        ImageServiceConfig config = parse("{ listen: \"127.0.0.1:9393\", api-servers: [\"http://a:9292\", \"b:9292\"] }");

        assertThat(config.port()).isEqualTo(9393);
        assertThatThrownBy(() -> parse("{ api-servers: \"http://a:9292\" }"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("api-servers");
    }

    @Test
    void withoutAuthenticationItListensOnLoopbackOnlyUnlessOpened() throws Exception {
        assertThatThrownBy(() -> parse("{ listen: \"0.0.0.0:9292\" }"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'0.0.0.0' is not a loopback address");
        assertThat(parse("{ listen: \"0.0.0.0:9292\", open-access: true }").host()).isEqualTo("0.0.0.0");
        assertThat(parse("{ listen: \"0.0.0.0:9292\", auth: { tokens: [ { token: \"${TOKEN_A}\", project: p } ] } }")
                .requiresToken()).isTrue();
    }

    @Test
    void badValuesNameTheKeyAndNeverTheValue() {
        assertThatThrownBy(() -> parse("{ listne: \"x\" }")).hasMessageContaining("unknown key 'listne'");
        assertThatThrownBy(() -> parse("{ size-cap: lots }")).hasMessageContaining("expected a byte count");
        assertThatThrownBy(() -> parse("{ hash: crc32 }")).hasMessageContaining("key 'hash'");
        assertThatThrownBy(() -> parse("{ idle-timeout: forever }")).hasMessageContaining("key 'idle-timeout'");
        assertThatThrownBy(() -> parse("{ listen: nowhere }")).hasMessageContaining("key 'listen'");
        assertThatThrownBy(() -> parse("{ auth: { tokens: [ { token: \"${TOKEN_A}\" } ] } }"))
                .hasMessageContaining("images.auth.tokens[0]").hasMessageNotContaining("secret-token");
        assertThatThrownBy(() -> parse("{ auth: { tokens: [ { token: short, project: p } ] } }"))
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("short");
    }
}
