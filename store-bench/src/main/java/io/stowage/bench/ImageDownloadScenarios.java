package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code stowage image download} (the command, JVM start included) against the tools a compute
 * host would use otherwise, on two image-service nodes ({@code stowage serve}, one SQLite
 * registry, one file store on a "shared filesystem" that the client mounts at the same path):
 *
 * <ul>
 *   <li>direct from the image's file location (the {@code file} handler: copy, verify, fsync,
 *       rename) against {@code cp} + {@code sync} of the stored file;</li>
 *   <li>through the API ({@code --allowed-schemes=}) against {@code curl -o FILE} from the same
 *       node (which writes without an fsync and verifies nothing);</li>
 *   <li>through the API from two nodes when the node serving it is SIGKILLed once half the file
 *       is written (the download resumes on the other) against the same download undisturbed.</li>
 * </ul>
 *
 * The service keeps the images' {@code os_hash} in SHA-256 ({@code hash: sha256}): the client
 * verifies every byte against it, and SHA-256 is the digest this JDK computes fastest (SHA-512,
 * the service's default, takes twice as long per byte on the measured CPUs).
 */
final class ImageDownloadScenarios implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILESYSTEM = "bench-shared";

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.IMAGE;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path launcher = CliStartScenario.launcher(context.options());
        Path base = context.workspace().dir("image-service");
        Path shared = Files.createDirectories(base.resolve("shared/images")).getParent();
        Path targets = context.workspace().dir("image-targets");
        List<ServeNode> nodes = new ArrayList<>();
        try {
            for (String name : List.of("node-a", "node-b")) {
                int port = freePort();
                nodes.add(ServeNode.start(launcher, Files.writeString(base.resolve(name + ".yaml"),
                        nodeConfig(base, shared, port)), port, name));
            }
            Path oneNode = Files.writeString(base.resolve("client-one.yaml"), clientConfig(base, shared, nodes.subList(0, 1)));
            Path twoNodes = Files.writeString(base.resolve("client-two.yaml"), clientConfig(base, shared, nodes));
            JsonNode image = JSON.readTree(TimedProcess.run(base, List.of(launcher.toString(), "-q", "-c", oneNode.toString(),
                    "image", "create", "--name", "bench", context.workspace().source().toString())).output());
            String id = image.get("id").asText();
            Path stored = Path.of(URI.create(image.get("locations").get(0).get("url").asText()));
            Path target = targets.resolve("image.raw");
            List<String> download = List.of(launcher.toString(), "-q", "-c", oneNode.toString(), "image", "download", "-o",
                    target.toString(), id);
            List<String> throughApi = List.of(launcher.toString(), "-q", "-c", oneNode.toString(), "image", "download",
                    "--allowed-schemes=", "-o", target.toString(), id);
            List<String> fromTwo = List.of(launcher.toString(), "-q", "-c", twoNodes.toString(), "image", "download",
                    "--allowed-schemes=", "-o", target.toString(), id);
            String sized = " (" + Sizes.format(size) + ")";

            Rounds direct = context.rounds("image download, direct", List.of(
                    Contender.of("stowage image download", () -> stowage(targets, download, target, size, "file:")),
                    Contender.of("cp + sync", () -> shell(targets, "cp -- \"$1\" \"$2\" && sync -- \"$2\"", stored, target, size))));
            Rounds api = context.rounds("image download, api", List.of(
                    Contender.of("stowage image download", () -> stowage(targets, throughApi, target, size, "api")),
                    Contender.of("curl", () -> shell(targets, "curl -s -S -f -o \"$2\" \"$1\"",
                            nodes.get(0).url() + "/v2/images/" + id + "/file", target, size))));
            Rounds lost = context.rounds("image download, node lost", List.of(
                    Contender.of("node lost halfway", () -> losingANode(targets, fromTwo, target, size, nodes)),
                    Contender.of("uninterrupted", () -> stowage(targets, fromTwo, target, size, "api"))));
            return List.of(
                    Comparison.row("image download" + sized + ", direct from a file location", direct,
                            "stowage image download", "cp + sync", Unit.BYTES, Target.atLeast(0.80)),
                    Comparison.row("image download" + sized + " through the API", api,
                            "stowage image download", "curl", "curl -o FILE", Unit.BYTES, Target.atLeast(0.80)),
                    Comparison.row("image download" + sized + " losing its node halfway", lost,
                            "node lost halfway", "uninterrupted", "same download, uninterrupted", Unit.BYTES,
                            Target.atLeast(0.50)));
        } finally {
            for (ServeNode node : nodes) {
                node.close();
            }
        }
    }

    private static String nodeConfig(Path base, Path shared, int port) {
        return """
                default: local
                stores:
                  local: { type: file, dirs: ["%s"], filesystems: [ { id: %s, mountpoint: "%s" } ] }
                images:
                  listen: "127.0.0.1:%d"
                  registry: "jdbc:sqlite:%s"
                  hash: sha256
                  show-multiple-locations: true
                """.formatted(shared.resolve("images"), FILESYSTEM, shared, port, base.resolve("registry/images.db"));
    }

    /** The compute host's config: the shared filesystem at the same path, direct download of file locations. */
    private static String clientConfig(Path base, Path shared, List<ServeNode> nodes) {
        return """
                stores:
                  scratch: { type: file, dirs: ["%s"] }
                direct-download:
                  allowed-schemes: [file]
                  handlers:
                    file: { filesystems: [ { id: %s, mountpoint: "%s" } ] }
                images:
                  api-servers: [%s]
                """.formatted(base.resolve("scratch"), FILESYSTEM, shared,
                String.join(", ", ServeNode.urls(nodes).stream().map(url -> "\"" + url + "\"").toList()));
    }

    /** One {@code stowage image download}, whose JSON must name a source starting with {@code source}. */
    private static Sample stowage(Path cwd, List<String> command, Path target, long size, String source) throws Exception {
        TimedProcess run = TimedProcess.run(cwd, command);
        JsonNode result = JSON.readTree(run.output());
        if (!result.path("source").asText().startsWith(source) || result.path("size").asLong() != size) {
            throw new IllegalStateException("stowage image download did not come from " + source + ": " + run.output());
        }
        return new Sample(run.nanos(), DirectDownloadScenario.removeTarget("stowage image download", target, size));
    }

    /** A shell command with {@code $1} and {@code $2} bound, timed from start to exit. */
    private static Sample shell(Path cwd, String script, Object first, Path target, long size) throws Exception {
        TimedProcess run = TimedProcess.run(cwd, List.of("sh", "-c", script, "sh", first.toString(), target.toString()));
        return new Sample(run.nanos(), DirectDownloadScenario.removeTarget(script, target, size));
    }

    /**
     * The download from two nodes, SIGKILLing the node that serves it once half of the file is
     * written (the node that has read the most since the download began), then restarting it
     * (untimed) for the next round.
     */
    private static Sample losingANode(Path cwd, List<String> command, Path target, long size, List<ServeNode> nodes)
            throws Exception {
        long[] before = {nodes.get(0).bytesRead(), nodes.get(1).bytesRead()};
        AtomicInteger killed = new AtomicInteger(-1);
        Thread killer = new Thread(() -> killServingNode(cwd, target, size, nodes, before, killed), "bench-node-killer");
        killer.setDaemon(true);
        killer.start();
        Sample sample;
        try {
            sample = stowage(cwd, command, target, size, "api");
        } finally {
            killer.interrupt();
            killer.join();
        }
        if (killed.get() < 0) {
            throw new IllegalStateException("the download ended before half of it was written: no node was killed");
        }
        nodes.get(killed.get()).restart();
        return sample;
    }

    private static void killServingNode(Path dir, Path target, long size, List<ServeNode> nodes, long[] before,
            AtomicInteger killed) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (partSize(dir, target) >= size / 2) {
                    long first = nodes.get(0).bytesRead() - before[0];
                    long second = nodes.get(1).bytesRead() - before[1];
                    int serving = first >= second ? 0 : 1;
                    nodes.get(serving).kill();
                    killed.set(serving);
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The size of the download's temp file ({@code .image.raw.*.part}), 0 while there is none. */
    private static long partSize(Path dir, Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith(prefix)) {
                    try {
                        return Files.size(file);
                    } catch (java.nio.file.NoSuchFileException e) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
