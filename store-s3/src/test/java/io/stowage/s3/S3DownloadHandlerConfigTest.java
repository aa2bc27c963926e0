package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The s3 handler's config as {@code direct-download.handlers.s3}: binding, defaults, validation, secrecy, and a download through it. */
class S3DownloadHandlerConfigTest {
    @TempDir
    Path temp;

    private static String config(String handler) {
        return "stores:\n  local: { type: s3, bucket: unused }\n"
                + "direct-download:\n  allowed-schemes: [s3]\n  handlers:\n    s3: " + handler + "\n";
    }

    @Test
    void defaultsNeedNoKeys() {
        S3DownloadHandlerConfig config = S3DownloadHandlerConfig.defaults();

        assertThat(config.buckets()).isEmpty();
        assertThat(config.concurrency()).isEqualTo(4);
        assertThat(config.chunkSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.connection().keys()).isEmpty();
    }

    @Test
    void refusesBadValuesNamingTheKeyAndNeverShowsTheKeys() {
        assertThatThrownBy(() -> S3DownloadHandlerConfig.builder().buckets(List.of("Bad_Bucket")).build())
                .hasMessageContaining("buckets[]");
        assertThatThrownBy(() -> S3DownloadHandlerConfig.builder().concurrency(0).build()).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> S3DownloadHandlerConfig.builder().chunkSize(1024L).build()).hasMessageContaining("chunkSize");
        S3DownloadHandlerConfig keyed = S3DownloadHandlerConfig.builder().credentials("AKIAHANDLER", "handler/secret").build();
        assertThat(keyed.toString()).doesNotContain("AKIAHANDLER").doesNotContain("handler/secret")
                .contains("accessKey=***", "secretKey=***");
    }

    @Test
    void theDirectDownloaderBuildsTheHandlerFromConfigAndDownloadsThroughIt() throws Exception {
        S3TestServer server = S3TestServers.shared();
        String key = S3TestServers.uniquePrefix("handler-config") + "/image";
        byte[] data = new byte[300_000];
        new java.util.Random(3).nextBytes(data);
        Map<String, String> environment = Map.of("KEY", server.accessKey(), "SECRET", server.secretKey());
        String yaml = config("{ buckets: [" + server.bucket() + "], endpoint: \"" + server.endpoint() + "\", pathStyle: true,"
                + " accessKey: \"${KEY}\", secretKey: \"${SECRET}\", chunkSize: 65536, concurrency: 2, readTimeout: 5s }");
        try (S3Client admin = S3TestServers.client(server)) {
            admin.putObject(request -> request.bucket(server.bucket()).key(key), RequestBody.fromBytes(data));
            try (DirectDownloader downloader = DirectDownloader.fromConfig(
                    StowageConfig.parse(yaml, environment::get).directDownload())) {
                Location location = Location.of(URI.create("s3://" + server.bucket() + "/" + key));
                Path target = temp.resolve("image");

                DownloadResult result = downloader.download(List.of(location), target, DownloadOptions.none());

                assertThat(result.source()).contains(location);
                assertThat(target).hasBinaryContent(data);
            } finally {
                admin.deleteObject(request -> request.bucket(server.bucket()).key(key));
            }
        }
    }

    @Test
    void unknownKeysFailWhenTheDownloaderIsBuilt() throws Exception {
        StowageConfig config = StowageConfig.parse(config("{ bucket: images }"), name -> null);

        assertThatThrownBy(() -> DirectDownloader.fromConfig(config.directDownload()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("download handler 's3'")
                .hasMessageContaining("unknown key 'bucket'");
    }
}
