package io.stowage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The heap of one transfer of a large object ({@code --heap-size}, 2 GiB by default) per
 * backend and direction, each in its own JVM with a small heap: {@code -Xmx64m} for file and
 * http, {@code -Xmx128m} for s3 (whose parts are 8 MiB, four in flight). The servers (nginx,
 * S3Proxy) run outside the measured JVM. The data is generated as it is read (size unknown to
 * the store); what comes back is hashed and compared. A probe passes when it finishes with
 * the right bytes, which under {@code -XX:+ExitOnOutOfMemoryError} means its heap stayed
 * under the cap; the table shows the peak heap in use (at any collection, garbage included)
 * and the most left after a collection.
 */
final class HeapScenario implements Scenario {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT bytes=(\\d+) sha256=(\\w+) location=(\\S+) peakUsed=(\\d+) peakAfterGc=(\\d+) maxHeap=(\\d+)"
                    + " collections=(\\d+) gc=(\\S+)");
    private static final String ID = "heap-object";
    private static final int SMALL_HEAP_MIB = 64;
    private static final int S3_HEAP_MIB = 128;

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.HEAP;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.options().heapSize();
        Path configs = context.workspace().dir("heap-config");
        Path storeDir = context.workspace().dir("heap-file-store");
        List<Row> rows = new ArrayList<>();

        Path fileConfig = writeConfig(configs.resolve("file.json"), StowageConfigs.fileStore(storeDir));
        Probe fileAdd = probe(context, "add", fileConfig, SMALL_HEAP_MIB, Map.of(), Long.toString(size), ID);
        rows.add(fileAdd.row("file add", size, SMALL_HEAP_MIB, Optional.empty()));
        if (fileAdd.succeeded()) {
            Probe fileGet = probe(context, "get", fileConfig, SMALL_HEAP_MIB, Map.of(), fileAdd.location());
            rows.add(fileGet.row("file get", size, SMALL_HEAP_MIB, Optional.of(fileAdd.sha256())));
            try (Nginx nginx = Nginx.start(storeDir, context.workspace().dir("heap-nginx"))) {
                Path httpConfig = writeConfig(configs.resolve("http.json"), StowageConfigs.httpStore(nginx.url(ID)));
                Probe httpGet = probe(context, "get", httpConfig, SMALL_HEAP_MIB, Map.of(), nginx.url(ID).toString());
                rows.add(httpGet.row("http get", size, SMALL_HEAP_MIB, Optional.of(fileAdd.sha256())));
            }
        }
        Files.deleteIfExists(storeDir.resolve(ID));

        try (EmbeddedS3 server = EmbeddedS3.start(context.workspace().dir("heap-s3"))) {
            Path s3Config = writeConfig(configs.resolve("s3.json"), server.storeConfig());
            Probe s3Add = probe(context, "add", s3Config, S3_HEAP_MIB, server.environment(), Long.toString(size), ID);
            rows.add(s3Add.row("s3 add", size, S3_HEAP_MIB, Optional.empty()));
            if (s3Add.succeeded()) {
                Probe s3Get = probe(context, "get", s3Config, S3_HEAP_MIB, server.environment(), s3Add.location());
                rows.add(s3Get.row("s3 get", size, S3_HEAP_MIB, Optional.of(s3Add.sha256())));
                try (S3Client admin = server.client(ApacheHttpClient.builder().build())) {
                    admin.deleteObject(request -> request.bucket(EmbeddedS3.BUCKET).key(ID));
                }
            }
        }
        return rows;
    }

    private static Path writeConfig(Path file, Map<String, Object> tree) throws IOException {
        return Files.writeString(file, new ObjectMapper().writeValueAsString(tree));
    }

    private static Probe probe(BenchContext context, String operation, Path config, int heapMiB,
            Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMiB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), operation, config.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<Matcher> result = output.stream().map(RESULT::matcher).filter(Matcher::matches).findFirst();
        Probe probe = new Probe(finished ? process.exitValue() : -1, result, output);
        context.log().printf(Locale.ROOT, "  heap %-7s %-4s %5.1f s  %s%n", operation, heapMiB + "m", seconds,
                result.isPresent() ? result.get().group(0) : "FAILED: " + probe.tail());
        return probe;
    }

    private record Probe(int exitCode, Optional<Matcher> result, List<String> output) {
        boolean succeeded() {
            return exitCode == 0 && result.isPresent();
        }

        String location() {
            return result.orElseThrow().group(3);
        }

        String sha256() {
            return result.orElseThrow().group(2);
        }

        String tail() {
            return String.join(" | ", output.subList(Math.max(0, output.size() - 3), output.size()));
        }

        Row row(String operation, long size, int heapMiB, Optional<String> expectedSha256) {
            String scenario = String.format(Locale.ROOT, "heap: %s %s, -Xmx%dm", operation, Sizes.format(size), heapMiB);
            String target = "finishes under -Xmx" + heapMiB + "m, bytes intact";
            String cap = "heap cap " + heapMiB + " MiB";
            if (!succeeded()) {
                return new Row(scenario, "failed (exit " + exitCode + ")", cap, "–", "–", target, Row.Verdict.FAIL);
            }
            Matcher matcher = result.get();
            long bytes = Long.parseLong(matcher.group(1));
            boolean intact = bytes == size && expectedSha256.map(matcher.group(2)::equals).orElse(true);
            long maxHeap = Long.parseLong(matcher.group(6));
            String peak = String.format(Locale.ROOT, "peak %d MiB, %d MiB after GC",
                    Math.round(Long.parseLong(matcher.group(4)) / (double) Sizes.MIB),
                    Math.round(Long.parseLong(matcher.group(5)) / (double) Sizes.MIB));
            String collections = matcher.group(7) + " GCs (" + matcher.group(8).split("_")[0] + ")";
            boolean capped = maxHeap <= heapMiB * Sizes.MIB;
            return new Row(scenario, intact ? peak : peak + ", WRONG BYTES", cap, "–", collections, target,
                    intact && capped ? Row.Verdict.PASS : Row.Verdict.FAIL);
        }
    }
}
