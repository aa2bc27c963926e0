package io.stowage.image.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Image-service nodes (separate processes) that are one service: one SQLite registry file and
 * one file store, {@code local}, whose data dir lies on a "shared filesystem" with id
 * {@value #FILESYSTEM} mounted at {@link #serviceMount()} (so image locations carry the metadata a
 * {@code file} download handler needs), plus any further stores a test names. Every node shows
 * {@code direct_url} and {@code locations}. The nodes are all started before any upload (a node
 * returns {@code saving} images to {@code queued} when it starts), one after the other (the first
 * creates the registry's schema).
 */
final class ServiceNodes implements AutoCloseable {
    static final String FILESYSTEM = "shared";

    private final Path dir;
    private final Path config;
    private final List<ServiceNode> nodes;

    private ServiceNodes(Path dir, Path config, List<ServiceNode> nodes) {
        this.dir = dir;
        this.config = config;
        this.nodes = new ArrayList<>(nodes);
    }

    /**
     * Starts {@code count} nodes in {@code dir} with the default hash (sha512) and
     * {@code extraStores}, YAML lines under {@code stores:} (each starting with two spaces).
     */
    static ServiceNodes start(Path dir, int count, String... extraStores) throws IOException, InterruptedException {
        return startWithHash(dir, count, "sha512", extraStores);
    }

    /** Starts like {@link #start} with {@code hash} as the service's {@code os_hash_algo}. */
    static ServiceNodes startWithHash(Path dir, int count, String hash, String... extraStores)
            throws IOException, InterruptedException {
        Path mount = Files.createDirectories(dir.resolve("service-mount/images")).getParent();
        StringBuilder config = new StringBuilder()
                .append("default: local\n")
                .append("stores:\n")
                .append("  local: { type: file, dirs: [").append(quote(mount.resolve("images")))
                .append("], filesystems: [ { id: ").append(FILESYSTEM).append(", mountpoint: ").append(quote(mount))
                .append(" } ] }\n");
        for (String store : extraStores) {
            config.append(store).append('\n');
        }
        config.append("images:\n")
                .append("  listen: \"127.0.0.1:0\"\n")
                .append("  registry: ").append(quote("jdbc:sqlite:" + dir.resolve("registry/images.db"))).append('\n')
                .append("  show-direct-url: true\n")
                .append("  show-multiple-locations: true\n")
                .append("  hash: ").append(hash).append('\n');
        Path file = Files.writeString(dir.resolve("service.yaml"), config);
        List<ServiceNode> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                started.add(ServiceNode.start(file, "node-" + (char) ('a' + i)));
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            for (ServiceNode node : started) {
                node.close();
            }
            throw e;
        }
        return new ServiceNodes(dir, file, started);
    }

    /**
     * Starts one more node of the service with its own copy of the config, changed by
     * {@code change} (a node configured differently from the others); closed with the others.
     */
    ServiceNode startNode(String name, UnaryOperator<String> change) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve(name + ".yaml"), change.apply(Files.readString(config)));
        ServiceNode node = ServiceNode.start(file, name);
        nodes.add(node);
        return node;
    }

    static String quote(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    ServiceNode node(int index) {
        return nodes.get(index);
    }

    /** The nodes' API URLs. */
    List<String> urls() {
        return nodes.stream().map(ServiceNode::url).toList();
    }

    /** Where the service's file store keeps images: {@code <serviceMount>/images/<id>}. */
    Path fileStoreDir() {
        return serviceMount().resolve("images");
    }

    /** The shared filesystem as the service's host mounts it. */
    Path serviceMount() {
        return dir.resolve("service-mount");
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceNode node : nodes) {
            node.close();
        }
    }
}
