package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.tck.source.Payload;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stowage add/get/stat/delete/download} with an s3 store configured, against S3Proxy 4.1
 * embedded in the test JVM on 127.0.0.1 (in-memory blob store, random keys). The keys sit in the
 * config file only because a test cannot set the environment for {@code ${VAR}}; no output ever
 * shows them.
 */
class S3CliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] IMAGE = Payload.of(2 * 1024 * 1024 + 11, 91).bytes();

    @TempDir
    Path temp;

    private final String accessKey = "AKCLI" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    private final String secretKey = "cli/" + UUID.randomUUID();
    private S3Proxy proxy;
    private String endpoint;
    private Cli cli;

    @BeforeEach
    void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        proxy.start();
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        cli = new Cli(TestConfigs.write(temp, "stowage.yaml", "default: images\n"
                + "stores:\n"
                + "  images: { type: s3, bucket: images, prefix: glance, createBucket: true, endpoint: \"" + endpoint
                + "\", pathStyle: true, accessKey: \"" + accessKey + "\", secretKey: \"" + secretKey + "\","
                + " multipartThreshold: 1048576, partSize: 5242880 }\n"
                + "direct-download:\n"
                + "  allowed-schemes: [s3]\n"
                + "  handlers:\n"
                + "    s3: { buckets: [images], endpoint: \"" + endpoint + "\", pathStyle: true, accessKey: \""
                + accessKey + "\", secretKey: \"" + secretKey + "\", chunkSize: 524288 }\n"));
    }

    @AfterEach
    void stopS3() throws Exception {
        proxy.stop();
    }

    @Test
    void addGetStatDeleteRoundTrip() throws Exception {
        Path file = Files.write(temp.resolve("image.raw"), IMAGE);

        CliResult added = cli.run("add", "--id", "img-1", "--checksum", "md5", file.toString());

        assertThat(added.exitCode()).as(added.toString()).isZero();
        JsonNode json = added.json();
        assertThat(json.get("location").asText()).isEqualTo("s3://images/glance/img-1");
        assertThat(json.get("store").asText()).isEqualTo("images");
        assertThat(json.get("size").asLong()).isEqualTo(IMAGE.length);
        assertThat(json.get("checksums").get("sha256").asText()).isEqualTo(Digests.sha256(IMAGE));
        assertThat(json.get("checksums").get("md5").asText()).isEqualTo(Digests.hex("MD5", IMAGE));

        Path out = temp.resolve("out.raw");
        CliResult got = cli.run("get", "-o", out.toString(), "--verify", "sha256:" + Digests.sha256(IMAGE),
                "s3://images/glance/img-1");
        assertThat(got.exitCode()).as(got.toString()).isZero();
        assertThat(out).hasBinaryContent(IMAGE);

        CliResult range = cli.run("get", "--offset", "1048570", "--length", "20", "s3://images/glance/img-1");
        assertThat(range.exitCode()).as(range.toString()).isZero();
        assertThat(range.stdout()).isEqualTo(Arrays.copyOfRange(IMAGE, 1_048_570, 1_048_590));

        CliResult stat = cli.run("stat", "s3://images/glance/img-1");
        assertThat(stat.exitCode()).as(stat.toString()).isZero();
        assertThat(stat.json()).isEqualTo(MAPPER.readTree(
                "{\"location\": \"s3://images/glance/img-1\", \"store\": \"images\", \"size\": " + IMAGE.length + "}"));

        CliResult deleted = cli.run("delete", "s3://images/glance/img-1");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        CliResult gone = cli.run("stat", "s3://images/glance/img-1");
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(3);
        assertThat(gone.stderr()).startsWith("stowage: ").contains("s3://images/glance/img-1");
    }

    @Test
    void addFromStdinOfUnknownSizeAndADuplicateIsRefused() throws Exception {
        CliResult first = cli.run(IMAGE, "add", "--id", "img-2", "-");
        CliResult second = cli.run(new byte[] {1, 2, 3}, "add", "--id", "img-2", "-");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
        CliResult got = cli.run("get", "s3://images/glance/img-2");
        assertThat(got.stdout()).isEqualTo(IMAGE);
        assertThat(cli.run("delete", "s3://images/glance/img-2").exitCode()).isZero();
    }

    @Test
    void downloadFetchesStraightFromS3() throws Exception {
        assertThat(cli.run(IMAGE, "add", "--id", "img-3", "-").exitCode()).isZero();
        Path target = temp.resolve("downloaded.raw");

        CliResult result = cli.run("download", "-o", target.toString(), "s3://images/glance/img-3");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json()).isEqualTo(MAPPER.readTree("{\"source\": \"s3://images/glance/img-3\", \"size\": "
                + IMAGE.length + ", \"checksums\": {\"sha256\": \"" + Digests.sha256(IMAGE) + "\"}}"));
        assertThat(target).hasBinaryContent(IMAGE);
        assertThat(cli.run("delete", "s3://images/glance/img-3").exitCode()).isZero();
    }

    @Test
    void aLegacyGlanceLocationIsReadWithTheConfiguredKeysAndItsOwnKeysAreNeverShown() throws Exception {
        Path config = TestConfigs.write(temp, "root.yaml", "stores:\n"
                + "  legacy: { type: s3, bucket: legacy, createBucket: true, endpoint: \"" + endpoint
                + "\", pathStyle: true, accessKey: \"" + accessKey + "\", secretKey: \"" + secretKey + "\" }\n");
        Cli legacyCli = new Cli(config);
        assertThat(legacyCli.run(IMAGE, "add", "--id", "0b5e2c35", "-").exitCode()).isZero();
        String legacy = "s3://AKIAGLANCE:glance/secret+key@127.0.0.1:" + proxy.getPort() + "/legacy/0b5e2c35";

        CliResult stat = legacyCli.run("stat", legacy);
        CliResult missing = legacyCli.run("stat", legacy.replace("0b5e2c35", "absent"));

        assertThat(stat.exitCode()).as(stat.toString()).isZero();
        assertThat(stat.json().get("location").asText()).isEqualTo("s3://legacy/0b5e2c35");
        assertThat(stat.json().get("size").asLong()).isEqualTo(IMAGE.length);
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        for (CliResult result : new CliResult[] {stat, missing}) {
            assertThat(result.stdoutText() + result.stderr()).doesNotContain("AKIAGLANCE").doesNotContain("glance/secret");
        }
        assertThat(legacyCli.run("delete", "s3://legacy/0b5e2c35").exitCode()).isZero();
    }

    @Test
    void wrongKeysAreAConfigErrorThatShowsNoKey() {
        Cli wrong = new Cli(TestConfigs.write(temp, "wrong.yaml", "stores:\n"
                + "  images: { type: s3, bucket: images, createBucket: true, endpoint: \"" + endpoint
                + "\", pathStyle: true, accessKey: \"" + accessKey + "\", secretKey: \"not/" + secretKey + "\" }\n"));

        CliResult result = wrong.run("stat", "s3://images/x");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("stowage: ").contains("store 'images'")
                .doesNotContain(secretKey).doesNotContain(accessKey);
    }
}
