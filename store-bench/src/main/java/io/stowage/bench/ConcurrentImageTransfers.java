package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@value #UPLOADS} uploads at once into a {@code stowage serve} node capped at {@code -Xmx256m}
 * ({@code -XX:+ExitOnOutOfMemoryError}: running out of heap ends the node and fails the row),
 * then {@value #UPLOADS} downloads at once. Every image's data is generated as it is sent (its own
 * seed, no file), its MD5 taken as it goes out; the row passes when every upload was answered 204,
 * every image is active with the sent size and its {@code checksum} is that MD5, and every
 * download brought back the same size and MD5. The table shows the wall time of each phase and the
 * node's peak resident memory. Measured once: it proves bounded memory, not a speed.
 */
final class ConcurrentImageTransfers {
    static final int UPLOADS = 16;
    static final String HEAP = "-Xmx256m";

    private ConcurrentImageTransfers() {}

    static Row run(BenchContext context, Path launcher, Path base, long size) throws Exception {
        Path dir = Files.createDirectories(base.resolve("capped"));
        Path config = Files.writeString(dir.resolve("capped.yaml"),
                ServiceScenarios.config(Files.createDirectories(dir.resolve("store")), dir.resolve("registry"), Ports.free(), ""));
        String scenario = String.format(Locale.ROOT, "service: %d concurrent %s uploads, then downloads, %s", UPLOADS,
                Sizes.format(size), HEAP);
        List<String> failures = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(UPLOADS);
        try (ServeNode node = ServeNode.start(launcher, config, ServiceScenarios.portOf(config), "capped",
                HEAP + " -XX:+ExitOnOutOfMemoryError");
                ImageApiCalls api = new ImageApiCalls(node.url(), UPLOADS)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                ids.add(api.create("bench-concurrent-" + i));
            }
            long start = System.nanoTime();
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                String id = ids.get(i);
                long seed = 1000 + i;
                sent.add(threads.submit(() -> api.upload(id, new GeneratedStream(size, seed), size)));
            }
            List<String> md5s = results(sent, "upload", failures);
            double up = (System.nanoTime() - start) / 1e9;
            context.log().printf(Locale.ROOT, "  %-28s %d uploads: %.3f s%n", "service concurrent", UPLOADS, up);
            for (int i = 0; i < UPLOADS && failures.isEmpty(); i++) {
                JsonNode image = api.show(ids.get(i));
                if (!"active".equals(image.path("status").asText()) || image.path("size").asLong() != size
                        || !md5s.get(i).equals(image.path("checksum").asText())) {
                    failures.add("image " + i + " is not what was sent: " + image);
                }
            }
            start = System.nanoTime();
            List<Future<String>> received = new ArrayList<>();
            for (String id : ids) {
                received.add(threads.submit(() -> api.downloadMd5(id, size)));
            }
            List<String> back = results(received, "download", failures);
            double down = (System.nanoTime() - start) / 1e9;
            context.log().printf(Locale.ROOT, "  %-28s %d downloads: %.3f s%n", "service concurrent", UPLOADS, down);
            for (int i = 0; i < UPLOADS; i++) {
                if (back.get(i) != null && !back.get(i).equals(md5s.get(i))) {
                    failures.add("download " + i + " has MD5 " + back.get(i) + ", uploaded " + md5s.get(i));
                }
            }
            if (!node.isAlive()) {
                failures.add("the node ended: " + node.logText());
            } else {
                long peak = node.peakResidentBytes();
                for (String id : ids) {
                    api.delete(id);
                }
                return row(scenario, up, down, peak, failures);
            }
        } catch (Exception e) {
            failures.add(e.toString());
        } finally {
            threads.shutdownNow();
        }
        return new Row(scenario, "–", "–", "–", String.join("; ", failures), "all verified", Row.Verdict.FAIL);
    }

    private static Row row(String scenario, double up, double down, long peak, List<String> failures) {
        return new Row(scenario,
                String.format(Locale.ROOT, "up %.1f s, down %.1f s", up, down),
                String.format(Locale.ROOT, "node's peak RSS %d MiB", peak / Sizes.MIB),
                "–",
                failures.isEmpty() ? UPLOADS + "/" + UPLOADS + " verified" : String.join("; ", failures),
                "all verified",
                failures.isEmpty() ? Row.Verdict.PASS : Row.Verdict.FAIL);
    }

    /** The values of {@code futures} in order; a failed one is noted in {@code failures} and null. */
    private static List<String> results(List<Future<String>> futures, String what, List<String> failures)
            throws InterruptedException {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                values.add(futures.get(i).get());
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(what + " " + i + " failed: " + e.getCause());
                values.add(null);
            }
        }
        return values;
    }
}
