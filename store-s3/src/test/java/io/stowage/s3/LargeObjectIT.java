package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 2 GiB object of unknown size goes into S3 and comes back byte-identical through a client
 * JVM capped at {@code -Xmx128m}: the store streams it (8 MiB parts, four in flight) instead of
 * holding it. The server is S3Proxy over its filesystem blob store in a temp dir, in this JVM;
 * the data is generated on the fly and compared by SHA-256. Afterwards no object and no
 * multipart upload is left.
 *
 * <p>Runs in the failsafe {@code integration-test} phase:
 * {@code ./mvnw -o verify -pl store-s3 -Dit.test=LargeObjectIT -Dtest=none}.
 * {@code -Dstowage.largeObjectBytes=N} changes the size.
 */
class LargeObjectIT {
    private static final long SIZE = Long.getLong("stowage.largeObjectBytes", 2L * 1024 * 1024 * 1024);
    private static final Pattern RESULT = Pattern.compile(
            "RESULT generated=(\\d+) stored=(\\d+) read=(\\d+) sha256Generated=(\\w+) sha256Stored=(\\w+)"
                    + " sha256Read=(\\w+) peakHeapMiB=(\\d+) maxHeapMiB=(\\d+)");

    @Test
    void addsAndReadsTwoGibibytesOfUnknownSizeWithA128MiBHeap() throws Exception {
        try (EmbeddedS3Proxy server = EmbeddedS3Proxy.onDisk(); S3Client admin = S3TestServers.client(server)) {
            String prefix = S3TestServers.uniquePrefix("large");
            Process client = fork(server, prefix);
            List<String> output = new ArrayList<>();
            try (var lines = client.inputReader(StandardCharsets.UTF_8)) {
                lines.lines().forEach(line -> {
                    output.add(line);
                    System.out.println("[client] " + line);
                });
            }
            assertThat(client.waitFor(10, TimeUnit.MINUTES)).as("client finished").isTrue();
            assertThat(client.exitValue()).as("client exit code; output:%n%s", String.join("\n", output)).isZero();

            Matcher result = output.stream().map(RESULT::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow(() -> new AssertionError("no RESULT line in the client output:\n" + String.join("\n", output)));
            assertThat(Long.parseLong(result.group(1))).as("bytes generated").isEqualTo(SIZE);
            assertThat(Long.parseLong(result.group(2))).as("size the store reported").isEqualTo(SIZE);
            assertThat(Long.parseLong(result.group(3))).as("bytes read back").isEqualTo(SIZE);
            assertThat(result.group(5)).as("SHA-256 the store computed").isEqualTo(result.group(4));
            assertThat(result.group(6)).as("SHA-256 of the bytes read back").isEqualTo(result.group(4));
            assertThat(Long.parseLong(result.group(8))).as("the client's max heap, MiB").isLessThanOrEqualTo(128);

            assertThat(S3TestServers.objects(admin, server.bucket(), prefix + "/")).isEmpty();
            assertThat(S3TestServers.uploads(admin, server.bucket(), prefix + "/")).isEmpty();
        }
    }

    private static Process fork(S3TestServer server, String prefix) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), LargeObjectClient.class.getName(),
                server.endpoint().toString(), server.bucket(), prefix, Long.toString(SIZE))
                .redirectErrorStream(true);
        builder.environment().put("S3_TEST_ACCESS_KEY", server.accessKey());
        builder.environment().put("S3_TEST_SECRET_KEY", server.secretKey());
        return builder.start();
    }
}
