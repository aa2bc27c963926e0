package io.stowage.image.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client this project did not write: Debian's python3-glanceclient (4.x) drives the service
 * through its Python API (its CLI's image-create cannot handle a multi-store schema): creates,
 * uploads to each of two stores, downloads with its own checksum verification, lists with
 * paging, patches, tags, deactivates and deletes; and imports staged data (glance-direct) and a
 * URL (web-download, from a loopback origin its http store is allowed to reach, and refused for
 * the metadata address). Fails, naming the package, when
 * {@code /usr/bin/python3} or glanceclient is missing.
 */
class GlanceClientTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void glanceclientRoundTrip() throws Exception {
        requireGlanceclient();
        Path script = script("roundtrip.py");
        try (TestService service = TestService.start(dir.resolve("service"), settings -> settings
                .token(ADMIN_TOKEN, new TokenGrant("admin-project", Set.of("admin")))
                .token("member-token-0123456789abcdef", new TokenGrant("p1", Set.of("member"))))) {
            Result result = run(List.of(PYTHON.toString(), script.toString(), "http://127.0.0.1:" + service.port(), ADMIN_TOKEN));

            assertThat(result.exit()).as(result.stderr()).isZero();
            assertThat(result.stdout().trim()).isEqualTo("{\"after_delete\": \"not found\","
                    + " \"deactivated\": \"deactivated\","
                    + " \"filtered\": [\"img-fast\", \"img-local\"],"
                    + " \"limited\": 3,"
                    + " \"listed\": [\"img-fast\", \"img-local\", \"page-0\", \"page-1\", \"page-2\", \"page-3\", \"page-4\"],"
                    + " \"patched\": {\"architecture\": \"x86_64\", \"name\": \"renamed\", \"os_distro\": null, \"tags\": [\"blue\"]},"
                    + " \"reactivated\": \"active\","
                    + " \"remaining\": 0,"
                    + " \"stores\": [\"fast\", \"flaky\", \"local\", \"ro\"],"
                    + " \"uploaded\": [\"fast\", \"local\"]}");
            assertThat(service.storedFiles()).isEmpty();
        }
    }

    @Test
    void glanceclientImportsStagedDataAndAUrl() throws Exception {
        requireGlanceclient();
        Path script = script("imports.py");
        byte[] web = new byte[1_234_567];
        new java.util.Random(3).nextBytes(web);
        try (LoopbackOrigin origin = LoopbackOrigin.start().serve("/web.qcow2", web);
                TestService service = TestService.start(dir.resolve("service"), settings -> settings
                        .token(ADMIN_TOKEN, new TokenGrant("admin-project", Set.of("admin"))).webDownloadStore("mirror"),
                        "  mirror: { type: http, allowedHosts: [\"127.0.0.1:" + origin.port() + "\"] }\n")) {
            Result result = run(List.of(PYTHON.toString(), script.toString(), "http://127.0.0.1:" + service.port(),
                    ADMIN_TOKEN, origin.url("/web.qcow2")));

            assertThat(result.exit()).as(result.stderr()).isZero();
            assertThat(result.stdout().trim()).isEqualTo("{\"after_stage\": \"uploading\","
                    + " \"glance_direct\": {\"status\": \"active\", \"stores\": \"fast\"},"
                    + " \"metadata_address\": \"refused\","
                    + " \"methods\": [\"glance-direct\", \"web-download\"],"
                    + " \"refused_status\": \"queued\","
                    + " \"web_download\": {\"size\": 1234567, \"status\": \"active\"}}");
            assertThat(origin.requests()).contains("GET /web.qcow2");
        }
    }

    @Test
    void glanceclientSpeaksTheSeedsV1Protocol() throws Exception {
        requireGlanceclient();
        Path script = script("v1.py");
        try (TestService service = TestService.start(dir.resolve("service"), settings -> settings
                .token(ADMIN_TOKEN, new TokenGrant("admin-project", Set.of("admin"))))) {
            Result result = run(List.of(PYTHON.toString(), script.toString(), "http://127.0.0.1:" + service.port(), ADMIN_TOKEN));

            assertThat(result.exit()).as(result.stderr()).isZero();
            assertThat(result.stdout().trim()).isEqualTo("{\"after_delete\": \"not found\","
                    + " \"created\": {\"checksum_ok\": true, \"size\": 1048587, \"status\": \"active\"},"
                    + " \"downloaded_ok\": true,"
                    + " \"listed\": [\"v1-renamed\", \"v1-reserved\"],"
                    + " \"reserved\": \"queued\","
                    + " \"shown\": {\"is_public\": false, \"min_ram\": 128, \"name\": \"v1-image\","
                    + " \"properties\": {\"description\": \"D\\u00e9bian 12\", \"os_distro\": \"debian\"},"
                    + " \"status\": \"active\"},"
                    + " \"updated\": {\"architecture\": \"x86_64\", \"description\": \"D\\u00e9bian 12\","
                    + " \"os_distro\": \"debian\"},"
                    + " \"uploaded_later\": \"active\"}");
            assertThat(service.storedFiles()).isEmpty();
        }
    }

    /** Copies a script and the helpers it imports into the test's dir. */
    private Path script(String name) throws IOException {
        for (String file : List.of(name, "payloads.py")) {
            try (InputStream in = GlanceClientTest.class.getResourceAsStream("/glanceclient/" + file)) {
                Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve(name);
    }

    private static void requireGlanceclient() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " is missing: install Debian's python3-glanceclient (apt-get install python3-glanceclient)");
        }
        Result probe = run(List.of(PYTHON.toString(), "-c", "import glanceclient"));
        if (probe.exit() != 0) {
            throw new AssertionError("python-glanceclient is missing from " + PYTHON
                    + ": install Debian's python3-glanceclient (apt-get install python3-glanceclient): " + probe.stderr());
        }
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var stdout = readAsync(process.getInputStream());
        var stderr = readAsync(process.getErrorStream());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("glanceclient did not finish within 5 minutes: " + command);
        }
        return new Result(process.exitValue(), stdout.join(), stderr.join());
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
