package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.tck.source.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stowage get}, {@code stat} and {@code download} of {@code http://} locations with an
 * http store configured, against an embedded Jetty serving a directory on 127.0.0.1, which the
 * config allows explicitly (the default rules refuse loopback).
 */
class HttpCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] IMAGE = Payload.of(300_001, 77).bytes();

    @TempDir
    Path temp;

    private Server jetty;
    private String url;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.write(www.resolve("image.raw"), IMAGE);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(jetty).newResource(www));
        files.setDirAllowed(false);
        jetty.setHandler(files);
        jetty.start();
        url = "http://127.0.0.1:" + connector.getLocalPort() + "/image.raw";
        String allowed = "allowedHosts: [\"127.0.0.1:" + connector.getLocalPort() + "\"]";
        cli = new Cli(TestConfigs.write(temp, "stowage.yaml", "default: local\n"
                + "stores:\n"
                + "  local: { type: file, dirs: [" + TestConfigs.quote(temp.resolve("data")) + "] }\n"
                + "  web: { type: http, retries: 1, retryBackoffMillis: 10, " + allowed + " }\n"
                + "direct-download:\n"
                + "  allowed-schemes: [http, https]\n"
                + "  handlers:\n"
                + "    http: { maxRedirects: 2, " + allowed + " }\n"));
    }

    @AfterEach
    void tearDown() throws Exception {
        jetty.stop();
    }

    @Test
    void getWritesTheObjectAtAnHttpUrl() throws Exception {
        Path target = temp.resolve("out.raw");

        CliResult result = cli.run("get", "-o", target.toString(), url);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(target).hasBinaryContent(IMAGE);
    }

    @Test
    void getReadsARangeWithARangedRequest() {
        CliResult result = cli.run("get", "--offset", "299000", "--length", "5000", url);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo(Arrays.copyOfRange(IMAGE, 299_000, IMAGE.length));
    }

    @Test
    void statPrintsTheSizeAndTheHttpStore() throws Exception {
        CliResult result = cli.run("stat", url);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json()).isEqualTo(MAPPER.readTree(
                "{\"location\": \"" + url + "\", \"store\": \"web\", \"size\": " + IMAGE.length + "}"));
    }

    @Test
    void downloadFetchesStraightFromTheUrl() throws Exception {
        Path target = temp.resolve("downloaded.raw");

        CliResult result = cli.run("download", "-o", target.toString(), url);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json()).isEqualTo(MAPPER.readTree("{\"source\": \"" + url + "\", \"size\": " + IMAGE.length
                + ", \"checksums\": {\"sha256\": \"" + sha256(IMAGE) + "\"}}"));
        assertThat(target).hasBinaryContent(IMAGE);
    }

    @Test
    void aMissingObjectExitsWithNotFound() {
        CliResult result = cli.run("get", url.replace("image.raw", "absent.raw"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).startsWith("stowage: ").contains("absent.raw");
    }

    @Test
    void addingToTheHttpStoreIsNotSupported() throws Exception {
        Path file = Files.write(temp.resolve("in.bin"), new byte[] {1, 2, 3});

        CliResult result = cli.run("add", "--store", "web", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
    }

    @Test
    void aHostNotAllowedIsRefused() {
        CliResult result = cli.run("get", url.replace("127.0.0.1", "localhost"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.stderr()).startsWith("stowage: ").contains("is refused").contains("http store (web)");
    }

    @Test
    void loopbackIsRefusedByTheDefaultRules() throws Exception {
        Cli defaults = new Cli(TestConfigs.write(temp, "defaults.yaml", "stores:\n  web: { type: http }\n"
                + "direct-download:\n  allowed-schemes: [http]\n"));
        Path target = temp.resolve("not-downloaded.raw");

        CliResult get = defaults.run("get", url);
        CliResult download = defaults.run("download", "-o", target.toString(), url);

        assertThat(get.exitCode()).as(get.toString()).isEqualTo(7);
        assertThat(get.stderr()).startsWith("stowage: ").contains("is refused").contains("http store (web)");
        assertThat(download.exitCode()).as(download.toString()).isEqualTo(7);
        assertThat(target).doesNotExist();
    }

    private static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }
}
