package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidConfigurationException;
import io.stowage.core.config.StowageConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding and validation of {@link S3StoreConfig} the way the registry does it (strict Jackson, {@code ${VAR}}). */
class S3StoreConfigTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "S3_ACCESS_KEY", "AKIAEXAMPLEACCESS", "S3_SECRET_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static S3StoreConfig bind(String yamlSection) throws InvalidConfigurationException {
        StowageConfig config = StowageConfig.parse("stores:\n  images: " + yamlSection + "\n", ENVIRONMENT::get);
        return S3StoreConfig.from(config.storeSettings("images"));
    }

    @Test
    void bindsTheDesignExampleWithKeysFromTheEnvironment() throws Exception {
        S3StoreConfig config = bind("{ type: s3, bucket: images, endpoint: \"http://127.0.0.1:9000\", pathStyle: true,"
                + " accessKey: \"${S3_ACCESS_KEY}\", secretKey: \"${S3_SECRET_KEY}\" }");

        assertThat(config.bucket()).isEqualTo("images");
        assertThat(config.endpoint()).contains(java.net.URI.create("http://127.0.0.1:9000"));
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.accessKey()).isEqualTo("AKIAEXAMPLEACCESS");
        assertThat(config.secretKey()).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @Test
    void fillsTheDefaults() throws Exception {
        S3StoreConfig config = bind("{ type: s3, bucket: images }");

        assertThat(config.prefix()).isEmpty();
        assertThat(config.region()).isEmpty();
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.staticKeys()).isEmpty();
        assertThat(config.createBucket()).isFalse();
        assertThat(config.multipartThreshold()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.partSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.uploadConcurrency()).isEqualTo(4);
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.checksumMode()).isEqualTo(S3ChecksumMode.SDK_DEFAULT);
        assertThat(config.conditionalWrites()).isTrue();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.retries()).isEqualTo(3);
    }

    @Test
    void readsEveryKey() throws Exception {
        S3StoreConfig config = bind("{ type: s3, bucket: my.bucket-1, prefix: \"glance/images/\", region: eu-west-1,"
                + " endpoint: \"https://S3.Example.org:8443/\", pathStyle: false, createBucket: true,"
                + " multipartThreshold: 0, partSize: 16777216, uploadConcurrency: 8, maxConnections: 9,"
                + " checksumMode: when-required, conditionalWrites: false, connectTimeout: 250ms, readTimeout: PT2M,"
                + " retries: 0 }");

        assertThat(config.prefix()).isEqualTo("glance/images");
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.endpoint()).contains(java.net.URI.create("https://S3.Example.org:8443"));
        assertThat(config.createBucket()).isTrue();
        assertThat(config.multipartThreshold()).isZero();
        assertThat(config.partSize()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.uploadConcurrency()).isEqualTo(8);
        assertThat(config.maxConnections()).isEqualTo(9);
        assertThat(config.checksumMode()).isEqualTo(S3ChecksumMode.WHEN_REQUIRED);
        assertThat(config.conditionalWrites()).isFalse();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.retries()).isZero();
    }

    @Test
    void toStringNeverShowsTheKeys() throws Exception {
        S3StoreConfig config = bind("{ type: s3, bucket: images, accessKey: \"${S3_ACCESS_KEY}\","
                + " secretKey: \"${S3_SECRET_KEY}\" }");

        assertThat(config.toString())
                .doesNotContain("AKIAEXAMPLEACCESS")
                .doesNotContain("wJalrXUtnFEMI")
                .contains("accessKey=***", "secretKey=***", "bucket=images");
        assertThat(config.staticKeys().orElseThrow().toString()).isEqualTo("StaticKeys[***]");
    }

    @Test
    void refusesUnknownKeys() {
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, secret: x }"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'images'")
                .hasMessageContaining("unknown key 'secret'");
    }

    @Test
    void requiresABucket() {
        assertThatThrownBy(() -> bind("{ type: s3, region: us-east-1 }"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store 'images'")
                .hasMessageContaining("bucket is required");
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> bind("{ type: s3, bucket: Images_ }")).hasMessageContaining("bucket must be");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, prefix: \"/abs\" }")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, prefix: \"a/../b\" }")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, endpoint: \"ftp://host\" }")).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, endpoint: \"http://host/path\" }"))
                .hasMessageContaining("endpoint");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, partSize: 1024 }")).hasMessageContaining("partSize");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, uploadConcurrency: 0 }"))
                .hasMessageContaining("uploadConcurrency");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, uploadConcurrency: 8, maxConnections: 8 }"))
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, retries: 21 }")).hasMessageContaining("retries");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, readTimeout: 0s }")).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, readTimeout: soon }"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, checksumMode: always }"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("checksumMode");
    }

    @Test
    void refusesCredentialsInTheEndpointWithoutRepeatingThem() {
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, endpoint: \"http://AKIAX:topsecret@host:9000\" }"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("endpoint must not carry credentials")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void requiresBothKeysOrNeither() {
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, accessKey: \"${S3_ACCESS_KEY}\" }"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("accessKey and secretKey must be given together")
                .hasMessageNotContaining("AKIAEXAMPLEACCESS");
        assertThatThrownBy(() -> bind("{ type: s3, bucket: images, accessKey: \"\", secretKey: \"\" }"))
                .hasMessageContaining("must not be empty");
    }

    @Test
    void theBuilderMakesTheSameConfig() throws Exception {
        S3StoreConfig bound = bind("{ type: s3, bucket: images, endpoint: \"http://127.0.0.1:9000\", pathStyle: true,"
                + " accessKey: \"${S3_ACCESS_KEY}\", secretKey: \"${S3_SECRET_KEY}\", partSize: 5242880 }");
        S3StoreConfig built = S3StoreConfig.builder("images").endpoint("http://127.0.0.1:9000").pathStyle()
                .credentials("AKIAEXAMPLEACCESS", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").partSize(5L * 1024 * 1024)
                .build();

        assertThat(built).usingRecursiveComparison().isEqualTo(bound);
        assertThat(bound.toBuilder().build()).usingRecursiveComparison().isEqualTo(bound);
    }

    @Test
    void partSizeGrowsForObjectsThatWouldNeedMoreThanTenThousandParts() {
        UploadSettings settings = UploadSettings.of(S3StoreConfig.builder("images").build());

        assertThat(settings.partSizeFor(1024)).isEqualTo(8 * 1024 * 1024);
        assertThat(settings.partSizeFor(10_000L * 8 * 1024 * 1024)).isEqualTo(8 * 1024 * 1024);
        assertThat(settings.partSizeFor(200L * 1024 * 1024 * 1024)).isEqualTo(21_474_837);
    }
}
