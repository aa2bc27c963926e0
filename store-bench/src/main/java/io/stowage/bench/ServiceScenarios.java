package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The image service ({@code stowage serve}, its defaults, a file store, the SQLite registry)
 * against what it is built on, in one run:
 *
 * <ul>
 *   <li>an upload through the API ({@code curl -T}, a streaming {@code PUT}; the image created
 *       before and checked after, untimed) against {@code stowage add} of the same file to the same
 *       store (the command, so its JVM start is in its time as curl's start is in the upload's),
 *       which computes one digest (SHA-256) where the upload computes two (MD5 and the
 *       {@code os_hash}), and, for reference, {@code stowage add --checksum md5} (SHA-256 and MD5);</li>
 *   <li>a download through the API against nginx serving the stored file, both {@code curl -o
 *       /dev/null};</li>
 *   <li>16 concurrent uploads, then 16 concurrent downloads, into a node capped at {@code -Xmx256m}
 *       ({@link ConcurrentImageTransfers}).</li>
 * </ul>
 */
final class ServiceScenarios implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = "local";

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.SERVICE;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path source = context.workspace().source();
        Path launcher = CliStartScenario.launcher(context.options());
        Path base = context.workspace().dir("service");
        Path storeDir = Files.createDirectories(base.resolve("store"));
        Path config = Files.writeString(base.resolve("service.yaml"), config(storeDir, base.resolve("registry"), Ports.free(), ""));
        String md5 = ImageApiCalls.md5Of(source);
        String sized = " (" + Sizes.format(size) + ")";
        try (ServeNode node = ServeNode.start(launcher, config, portOf(config), "service");
                ImageApiCalls api = new ImageApiCalls(node.url(), 4);
                Nginx nginx = Nginx.start(storeDir, Files.createDirectories(base.resolve("nginx")))) {
            Rounds upload = context.rounds("service upload", List.of(
                    Contender.of("api upload", () -> uploadThroughApi(api, base, source, size, md5)),
                    Contender.of("stowage add", () -> add(launcher, config, base, source, size, List.of())),
                    Contender.of("stowage add md5", () -> add(launcher, config, base, source, size,
                            List.of("--checksum", "md5")))));

            String id = api.create("bench-download");
            Curl.upload(base, source, api.fileUrl(id), size);
            Path stored = storedFile(api.show(id));
            String inNginx = storeDir.relativize(stored).toString();
            if (!md5.equals(api.downloadMd5(id, size)) || Files.size(stored) != size) {
                throw new IllegalStateException("the service's download of image " + id + " is not the uploaded file");
            }
            Rounds download = context.quickRounds("service download", List.of(
                    Contender.of("api download", () -> Curl.download(base, api.fileUrl(id), size)),
                    Contender.of("nginx", () -> Curl.download(base, nginx.url(inNginx).toString(), size))));
            api.delete(id);

            Row concurrent = ConcurrentImageTransfers.run(context, launcher, base, context.options().concurrentSize());
            return List.of(
                    Comparison.row("service upload" + sized + ", curl -T", upload, "api upload", "stowage add",
                            "stowage add (command)", Unit.BYTES, Target.atLeast(0.90)),
                    Comparison.row("service upload" + sized + ", curl -T, vs add with MD5 too", upload, "api upload",
                            "stowage add md5", "stowage add --checksum md5", Unit.BYTES, Target.NONE),
                    Comparison.row("service download" + sized + ", curl", download, "api download", "nginx",
                            "nginx, same file", Unit.BYTES, Target.atLeast(0.80)),
                    concurrent);
        }
    }

    /**
     * A node's config: one file store {@value #STORE} over {@code storeDir}, the SQLite registry
     * under {@code registryDir}, locations shown, and {@code extra} lines in the images section.
     */
    static String config(Path storeDir, Path registryDir, int port, String extra) throws java.io.IOException {
        Files.createDirectories(registryDir);
        return """
                default: %s
                stores:
                  %s: { type: file, dirs: ["%s"] }
                images:
                  listen: "127.0.0.1:%d"
                  registry: "jdbc:sqlite:%s"
                  show-multiple-locations: true
                %s""".formatted(STORE, STORE, storeDir, port, registryDir.resolve("images.db"), extra);
    }

    /** The port a config written by {@link #config} listens on. */
    static int portOf(Path config) throws java.io.IOException {
        String text = Files.readString(config);
        int at = text.indexOf("listen: \"127.0.0.1:") + "listen: \"127.0.0.1:".length();
        return Integer.parseInt(text.substring(at, text.indexOf('"', at)));
    }

    /** The file the image's first location names. */
    static Path storedFile(JsonNode image) {
        return Path.of(URI.create(image.path("locations").path(0).path("url").asText()));
    }

    /**
     * One upload through the API: the image created (untimed), its data sent with {@code curl -T}
     * (timed), then checked active with the file's size and MD5 and deleted (untimed).
     */
    static Sample uploadThroughApi(ImageApiCalls api, Path cwd, Path source, long size, String md5) throws Exception {
        String id = api.create("bench-upload");
        Sample sample = Curl.upload(cwd, source, api.fileUrl(id), size);
        checkUploadAndDelete(api, id, size, md5);
        return sample;
    }

    /** Fails unless image {@code id} is active with {@code size} bytes of MD5 {@code md5}; then deletes it. */
    static void checkUploadAndDelete(ImageApiCalls api, String id, long size, String md5) throws Exception {
        JsonNode image = api.show(id);
        if (!"active".equals(image.path("status").asText()) || image.path("size").asLong() != size
                || !md5.equals(image.path("checksum").asText())) {
            throw new IllegalStateException("the uploaded image is not the file: " + image);
        }
        api.delete(id);
    }

    /**
     * {@code stowage add} of the file to the store with {@code options}, timed as a command; the
     * object is deleted afterwards (untimed).
     */
    private static Sample add(Path launcher, Path config, Path cwd, Path source, long size, List<String> options)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString(), "-c", config.toString(), "add",
                "--store", STORE));
        command.addAll(options);
        command.add(source.toString());
        TimedProcess run = TimedProcess.run(cwd, command);
        JsonNode added = JSON.readTree(run.output());
        Drain.check(String.join(" ", command), added.path("size").asLong(), size);
        Files.delete(Path.of(URI.create(added.path("location").asText())));
        return new Sample(run.nanos(), size);
    }
}
