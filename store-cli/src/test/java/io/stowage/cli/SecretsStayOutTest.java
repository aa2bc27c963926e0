package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known secrets never show: a child JVM ({@link SecretScenarios}) drives the s3 store (S3Proxy
 * with a known secret key), the http store (Jetty behind basic authentication with a known
 * password), the file and memory stores, the registry, the direct downloader and the command,
 * on the success and the failure paths — a wrong key, a wrong password, an unreachable
 * endpoint, a legacy Glance location with embedded keys, locations with user-info and signed
 * query parameters — with Stowage's loggers at TRACE. Its stdout (every exception with causes
 * and suppressed ones, every {@code toString()}, the command's stdout and stderr) and its stderr
 * (the log) must not hold any secret, raw or encoded (URL-encoded, or base64 as in an
 * {@code Authorization: Basic} header). The servers run in this JVM, so their own logs are not
 * part of what is checked.
 */
class SecretsStayOutTest {
    private static final String ACCESS_KEY = "AKSTOWAGESECRET00001";
    private static final String SECRET_KEY = "S3cret/Key+0f=Stowage";
    private static final String WRONG_SECRET_KEY = "Wr0ng/Secret+Key=Stowage";
    private static final String WEB_USER = "stowage-reader";
    private static final String WEB_PASSWORD = "h77p:Pa55word/Secret";
    private static final String WRONG_WEB_PASSWORD = "wr0ng-Pa55word-Secret";
    private static final String LEGACY_ACCESS_KEY = "AKLEGACYGLANCEKEY01";
    private static final String LEGACY_SECRET_KEY = "legacy/Glance+Secret";
    private static final String URL_PASSWORD = "url-user-info-Secret";
    private static final String SIGNATURE = "a1b2c3signatureSecret";

    @TempDir
    Path temp;

    @Test
    void noSecretReachesALogLineAMessageAToStringOrTheCommandsOutput() throws Exception {
        Path root = temp.toRealPath();
        Path www = Files.createDirectories(root.resolve("www"));
        Files.writeString(www.resolve("page.txt"), "a page behind basic authentication\n");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Result child;
        try (LoopbackServers.S3 s3 = LoopbackServers.s3(ACCESS_KEY, SECRET_KEY);
                LoopbackServers.Web web = LoopbackServers.web(www, Optional.of(WEB_USER), Optional.of(WEB_PASSWORD))) {
            String page = web.url("/page.txt");
            List<String> configs = writeConfigs(root, s3.endpoint(), web.port(), closedPort);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("S3_ACCESS_KEY", ACCESS_KEY);
            environment.put("S3_SECRET_KEY", SECRET_KEY);
            environment.put("S3_WRONG_SECRET_KEY", WRONG_SECRET_KEY);
            environment.put("WEB_USER", WEB_USER);
            environment.put("WEB_PASSWORD", WEB_PASSWORD);
            environment.put("WEB_WRONG_PASSWORD", WRONG_WEB_PASSWORD);
            environment.put("CLOSED_PORT", Integer.toString(closedPort));
            // Glance's legacy form: s3[+http]://KEY:SECRET@service/bucket/key (the key without '/')
            environment.put("LEGACY_LOCATION", "s3+http://" + LEGACY_ACCESS_KEY + ":" + LEGACY_SECRET_KEY + "@127.0.0.1:"
                    + s3.proxy().getPort() + "/images/secret-test");
            environment.put("WEB_LOCATION_WITH_USER_INFO", page.replace("://", "://" + WEB_USER + ":" + URL_PASSWORD + "@"));
            environment.put("MEMORY_LOCATION_WITH_SECRETS", "memory://someone:" + URL_PASSWORD + "@mem/x");
            environment.put("WEB_LOCATION_WITH_SIGNATURE", page.replace("page.txt", "missing.txt?X-Amz-Signature=" + SIGNATURE));
            environment.put("FILE_LOCATION_WITH_SECRETS", "file://someone:" + URL_PASSWORD + "@localhost" + root
                    + "/data/x?token=" + SIGNATURE);

            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.io.stowage=trace",
                    "-cp", System.getProperty("java.class.path"), SecretScenarios.class.getName()));
            command.addAll(configs);
            command.addAll(List.of(root.toString(), page));
            ForkedCli.Started started = new ForkedCli(root, environment).start(command);
            started.closeStdin();
            CliResult result = started.finish();
            child = new Result(result.exitCode(), result.stdoutText(), result.stderr());
        }

        assertThat(child.exitCode()).as("the child's exit status; stderr:\n%s\nstdout:\n%s", child.log(), child.output()).isZero();
        assertThat(child.output()).as("the scenarios ran to the end").contains("=== done");
        assertThat(outcomes(child.output())).as("what each scenario came to").containsExactlyEntriesOf(expectedOutcomes());
        assertThat(child.output()).as("toString of the configs").contains("credentials=(set)");
        assertThat(child.log()).as("the log holds Stowage's own lines")
                .contains("WARN DirectDownloader - Direct download from s3://images/secret-test failed")
                .contains("DEBUG HttpExchanges - Attempt 1 of HEAD http://127.0.0.1:" + closedPort);
        for (String secret : secretForms()) {
            assertThat(child.output()).as("stdout of the child (exceptions, toString, the command's output)")
                    .doesNotContain(secret);
            assertThat(child.log()).as("the log").doesNotContain(secret);
        }
    }

    private record Result(int exitCode, String output, String log) {}

    /** Each secret as it is, URL-encoded, and base64-encoded (alone and as {@code user:password}). */
    private static List<String> secretForms() {
        List<String> forms = new ArrayList<>();
        for (String secret : List.of(SECRET_KEY, WRONG_SECRET_KEY, WEB_PASSWORD, WRONG_WEB_PASSWORD, LEGACY_SECRET_KEY,
                LEGACY_ACCESS_KEY, URL_PASSWORD, SIGNATURE)) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        for (String password : List.of(WEB_PASSWORD, WRONG_WEB_PASSWORD, URL_PASSWORD)) {
            forms.add(Base64.getEncoder().encodeToString((WEB_USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    private static Map<String, String> expectedOutcomes() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("config toString", "ok");
        expected.put("stores toString", "ok");
        expected.put("s3 add, read, size", "ok");
        expected.put("s3 legacy Glance location with keys", "ok");
        expected.put("s3 legacy Glance location of a missing object", "io.stowage.ObjectNotFoundException");
        expected.put("s3 duplicate add", "io.stowage.ObjectAlreadyExistsException");
        expected.put("http read with basic auth", "ok");
        expected.put("http location with user-info", "ok");
        expected.put("http missing object", "io.stowage.ObjectNotFoundException");
        expected.put("memory location with user-info", "io.stowage.ObjectNotFoundException");
        expected.put("http location with a signature", "io.stowage.ObjectNotFoundException");
        expected.put("file location with user-info", "io.stowage.InvalidLocationException");
        expected.put("direct download of a legacy location, handler with wrong keys, then the fallback", "ok");
        expected.put("s3 delete", "ok");
        expected.put("s3 wrong secret key", "io.stowage.InvalidConfigurationException");
        expected.put("s3 unreachable endpoint", "io.stowage.BackendUnavailableException");
        expected.put("http wrong password", "io.stowage.PermissionDeniedException");
        expected.put("http unreachable server", "io.stowage.BackendUnavailableException");
        expected.put("cli add to s3", "exit 0");
        expected.put("cli stat of a legacy location", "exit 0");
        expected.put("cli get of a legacy location", "exit 0");
        expected.put("cli download of a legacy location", "exit 0");
        expected.put("cli download with a wrong-key handler, then the fallback", "exit 0");
        expected.put("cli delete", "exit 0");
        expected.put("cli get over http with basic auth", "exit 0");
        expected.put("cli stores", "exit 0");
        expected.put("cli with the wrong s3 key", "exit 2");
        expected.put("cli with the wrong http password", "exit 7");
        expected.put("cli with an unreachable http server", "exit 9");
        return expected;
    }

    /** {@code === name} followed by {@code outcome: ...}, in order. */
    private static Map<String, String> outcomes(String output) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        String scenario = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("=== ") && !line.equals("=== done")) {
                scenario = line.substring(4);
            } else if (line.startsWith("outcome: ") && scenario != null) {
                outcomes.put(scenario, line.substring("outcome: ".length()));
                scenario = null;
            }
        }
        return outcomes;
    }

    /** The configs the child reads, secrets only as {@code ${VAR}}; returned in the child's argument order. */
    private static List<String> writeConfigs(Path root, String s3Endpoint, int webPort, int closedPort) {
        String images = "  images: { type: s3, bucket: images, createBucket: true, endpoint: \"" + s3Endpoint
                + "\", pathStyle: true, accessKey: \"${S3_ACCESS_KEY}\", secretKey: \"${%s}\", retries: 0 }\n";
        String web = "  web: { type: http, allowedHosts: [\"127.0.0.1:%d\"], username: \"${WEB_USER}\", password: \"${%s}\","
                + " retries: %d, retryBackoffMillis: 1, connectTimeoutMillis: 2000, readTimeoutMillis: 5000 }\n";
        String others = "  local: { type: file, dirs: [" + TestConfigs.quote(root.resolve("data")) + "] }\n"
                + "  mem: { type: memory }\n";
        String download = "direct-download:\n"
                + "  allowed-schemes: [s3, http]\n"
                + "  handlers:\n"
                + "    s3: { buckets: [images], endpoint: \"" + s3Endpoint + "\", pathStyle: true,"
                + " accessKey: \"${S3_ACCESS_KEY}\", secretKey: \"${%s}\", retries: 0 }\n"
                + "    http: { allowedHosts: [\"127.0.0.1:" + webPort + "\"], username: \"${WEB_USER}\","
                + " password: \"${WEB_PASSWORD}\" }\n";
        String good = "default: local\nstores:\n" + images.formatted("S3_SECRET_KEY")
                + web.formatted(webPort, "WEB_PASSWORD", 0) + others + download.formatted("S3_SECRET_KEY");
        String wrongHandler = "default: local\nstores:\n" + images.formatted("S3_SECRET_KEY")
                + web.formatted(webPort, "WEB_PASSWORD", 0) + others + download.formatted("S3_WRONG_SECRET_KEY");
        String wrongS3 = "stores:\n" + images.formatted("S3_WRONG_SECRET_KEY") + download.formatted("S3_WRONG_SECRET_KEY");
        String unreachableS3 = "stores:\n" + images.formatted("S3_SECRET_KEY").replace(s3Endpoint,
                "http://127.0.0.1:" + closedPort);
        String wrongWeb = "stores:\n" + web.formatted(webPort, "WEB_WRONG_PASSWORD", 0);
        String unreachableWeb = "stores:\n" + web.formatted(closedPort, "WEB_PASSWORD", 2);
        List<String> paths = new ArrayList<>();
        for (String[] config : new String[][] {{"good.yaml", good}, {"wrong-handler.yaml", wrongHandler},
                {"wrong-s3.yaml", wrongS3}, {"unreachable-s3.yaml", unreachableS3}, {"wrong-web.yaml", wrongWeb},
                {"unreachable-web.yaml", unreachableWeb}}) {
            paths.add(TestConfigs.write(root, config[0], config[1]).toString());
        }
        return paths;
    }
}
