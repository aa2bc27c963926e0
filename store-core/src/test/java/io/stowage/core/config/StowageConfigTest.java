package io.stowage.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StowageConfigTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("S3_SECRET_KEY", "s3cr3t", "EMPTY", "");

    @Test
    void readsYamlWithEnvironmentValues() throws Exception {
        StowageConfig config = StowageConfig.parse("""
                default: local
                stores:
                  local: { type: file, dirs: ["./data"] }
                  images: { type: s3, bucket: images, secretKey: "${S3_SECRET_KEY}", region: "${REGION:-us-east-1}" }
                direct-download:
                  allowed-schemes: [FILE, s3]
                  handlers:
                    file: { filesystems: [ { id: nfs, mountpoint: /mnt/images } ] }
                """, ENVIRONMENT::get);

        assertThat(config.defaultStore()).contains("local");
        assertThat(config.stores()).containsOnlyKeys("local", "images");
        assertThat(config.stores().get("images").get("secretKey")).isEqualTo("s3cr3t");
        assertThat(config.stores().get("images").get("region")).isEqualTo("us-east-1");
        assertThat(config.directDownload().allowedSchemes()).containsExactly("file", "s3");
        assertThat(config.directDownload().handlers()).containsOnlyKeys("file");
    }

    @Test
    void toStringShowsTheShapeButNoValueSinceValuesMayBeSecrets() throws Exception {
        StowageConfig config = StowageConfig.parse("""
                default: images
                stores:
                  images: { type: s3, bucket: images, accessKey: AKIDEXAMPLE, secretKey: "${S3_SECRET_KEY}" }
                  local: { type: file, dirs: ["./data"] }
                direct-download:
                  allowed-schemes: [s3]
                  handlers:
                    s3: { accessKey: AKIDEXAMPLE, secretKey: "${S3_SECRET_KEY}" }
                """, ENVIRONMENT::get);

        assertThat(config.toString()).isEqualTo("StowageConfig[default=images, stores={images=s3 with keys [accessKey, bucket,"
                + " secretKey], local=file with keys [dirs]}, directDownload=DirectDownloadConfig[allowedSchemes=[s3],"
                + " handlers={s3 with keys [accessKey, secretKey]}]]");
        assertThat(config.directDownload().toString()).doesNotContain("s3cr3t", "AKIDEXAMPLE");
    }

    @Test
    void acceptsAnImagesSectionSoThatTheServiceAndTheOtherCommandsShareOneFile() {
        assertThatCode(() -> StowageConfig.parse("stores: {a: {type: file}}\nimages: {listen: \"127.0.0.1:9292\"}\n",
                ENVIRONMENT::get)).doesNotThrowAnyException();
    }

    @Test
    void keepsTheImagesSectionForTheImageServiceAndShowsOnlyItsKeys() throws Exception {
        StowageConfig config = StowageConfig.parse("""
                stores:
                  local: { type: file, dirs: ["./data"] }
                images:
                  listen: "127.0.0.1:9292"
                  auth: { tokens: [ { token: "${S3_SECRET_KEY}", project: p1 } ] }
                """, ENVIRONMENT::get);

        assertThat(config.images().get("listen")).isEqualTo("127.0.0.1:9292");
        assertThat(config.images().get("auth")).isEqualTo(Map.of("tokens", List.of(Map.of("token", "s3cr3t", "project", "p1"))));
        assertThat(config.toString()).isEqualTo("StowageConfig[default=null, stores={local=file with keys [dirs]},"
                + " directDownload=DirectDownloadConfig[allowedSchemes=[], handlers={}], images=with keys [auth, listen]]");
    }

    @Test
    void aConfigWithoutImagesHasAnEmptySection() throws Exception {
        StowageConfig config = StowageConfig.parse("stores: { a: { type: memory } }", ENVIRONMENT::get);

        assertThat(config.images()).isEmpty();
    }

    @Test
    void readsJson() throws Exception {
        StowageConfig config = StowageConfig.parse("{\"stores\": {\"a\": {\"type\": \"memory\"}}}", ENVIRONMENT::get);

        assertThat(config.stores()).containsOnlyKeys("a");
        assertThat(config.defaultStore()).isEmpty();
        assertThat(config.directDownload().allowedSchemes()).isEmpty();
    }

    @Test
    void buildsFromAnObjectTree() throws Exception {
        StowageConfig config = StowageConfig.fromTree(
                Map.of("stores", Map.of("a", Map.of("type", "file", "dirs", List.of("${HOME_DIR:-/srv}")))), ENVIRONMENT::get);

        assertThat(config.stores().get("a").get("dirs")).isEqualTo(List.of("/srv"));
    }

    @Test
    void environmentSubstitutionRules() throws Exception {
        EnvironmentSubstitution substitution = new EnvironmentSubstitution(ENVIRONMENT::get);

        assertThat(substitution.substitute("a-${S3_SECRET_KEY}-b", "k")).isEqualTo("a-s3cr3t-b");
        assertThat(substitution.substitute("${EMPTY:-fallback}", "k")).isEqualTo("fallback");
        assertThat(substitution.substitute("${EMPTY}", "k")).isEmpty();
        assertThat(substitution.substitute("$${S3_SECRET_KEY}", "k")).isEqualTo("${S3_SECRET_KEY}");
        assertThat(substitution.substitute("cost: $5", "k")).isEqualTo("cost: $5");
        assertThatThrownBy(() -> substitution.substitute("${MISSING}", "stores.images.secretKey"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration at stores.images.secretKey: environment variable MISSING is not set");
    }

    @Test
    void refusesUnknownTopLevelKeys() {
        assertThatThrownBy(() -> StowageConfig.parse("stores: {a: {type: file}}\nstorse: {}\n", ENVIRONMENT::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown key 'storse'")
                .hasMessageContaining("known keys: default, direct-download, images, stores");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> StowageConfig.parse("stores: {a: {type: file}}\nstores: {b: {type: file}}\n", ENVIRONMENT::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("stores");
    }

    @Test
    void reportsSyntaxErrorsWithoutEchoingTheDocument() {
        assertThatThrownBy(() -> StowageConfig.parse("stores: {a: {type: file, secretKey: \"TOPSECRET\"\n", ENVIRONMENT::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration at line")
                .hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void refusesEmptyOrShapelessDocuments() {
        for (String text : new String[] {"", "just text", "- a\n- b\n", "stores: {}", "stores: {a: null}", "stores: {'a/b': {type: file}}"}) {
            assertThatThrownBy(() -> StowageConfig.parse(text, ENVIRONMENT::get)).as(text).isInstanceOf(InvalidConfigurationException.class);
        }
    }
}
